//! Generates Rust for the repository's own example lexicons (`lexicons/com/example/blog`)
//! into `OUT_DIR`, and a `generated.rs` that mounts the module tree as `crate::lexicons`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let lexicons = manifest.join("../../lexicons");
    let tree = out.join("lexicons");
    lex_compiler::Config::new()
        .include("com.example.blog.*")
        .out_dir(&tree)
        .compile(&[&lexicons])?;
    // `include!` cannot hold a module tree of files; a `#[path]` module can.
    let mount = format!(
        "/// Types generated from `lexicons/com/example/blog`.\n\
         #[allow(missing_docs, unreachable_pub, clippy::all)]\n\
         #[path = {:?}]\npub mod lexicons;\n",
        tree.join("mod.rs").display().to_string()
    );
    std::fs::write(out.join("generated.rs"), mount)?;
    Ok(())
}
