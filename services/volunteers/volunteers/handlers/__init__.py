"""What the volunteers service does: one async function per command or consumed event."""
