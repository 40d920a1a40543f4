//! Link options for the `brock` executable only: they change neither the library nor any
//! dependency's build, so changing them costs one relink, not a rebuild of the tree.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if relr_supported() {
        // DT_RELR. The executable is position-independent, so at every start the dynamic loader
        // patches each pointer in its read-only data: ~59k relative relocations (mostly vtables),
        // a 1.4 MB RELA table it reads and walks entry by entry. As RELR bitmaps the table
        // shrinks to a few KB and the walk gets cheap (see bench/history for what it buys).
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the glibc we link against (and so, normally, the one the binary runs on) can load
/// DT_RELR: glibc >= 2.36 defines the version `GLIBC_ABI_DT_RELR`, which the linker then records
/// as a requirement. An older glibc would refuse to start such a binary, so there the option is
/// left out rather than making the build unusable on its own machine.
fn relr_supported() -> bool {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("HOST") != var("TARGET")
    {
        return false;
    }
    // The C compiler driver rustc links through finds the libc.so.6 the link will use.
    let linker = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".into());
    let Ok(out) = Command::new(linker)
        .arg("-print-file-name=libc.so.6")
        .output()
    else {
        return false;
    };
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let Ok(libc) = std::fs::read(&path) else {
        return false;
    };
    let needle = b"GLIBC_ABI_DT_RELR";
    libc.windows(needle.len()).any(|w| w == needle)
}
