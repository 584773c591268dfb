"""One async function per command: load, ask the domain, store, commit."""
