"""Tooling to run Pioneer Grid: the dev launcher, and the deployment files beside it."""
