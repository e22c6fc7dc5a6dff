"""Packages (数据包): export, receive (verify, diff, apply, stage), signing keys, review."""
