//! Emulator wire-protocol tests (SDK clients against the emulator).
