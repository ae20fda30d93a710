//! Files the console writes — journal, audit log, exports, downloads, logs, script
//! challenges — are the partner's business: on a shared SSH host nobody else may read
//! them. Folders are made 0700 and files 0600 (and tightened when an older version
//! left them looser); `doctor` reports anything looser.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// The modes the console gives its folders and files.
pub const DIR_MODE: u32 = 0o700;
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and its missing parents, owner-only; tightens `dir` if it is looser.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir)?;
    tighten(dir, DIR_MODE)
}

/// Opens `path` for appending (and reading), creating it owner-only in an owner-only
/// folder; an existing file looser than that is tightened.
pub fn append_private(path: &Path) -> io::Result<File> {
    private_open(
        path,
        OpenOptions::new().create(true).append(true).read(true),
    )
}

/// Creates or truncates `path` for writing, owner-only in an owner-only folder.
pub fn create_private(path: &Path) -> io::Result<File> {
    private_open(
        path,
        OpenOptions::new().create(true).write(true).truncate(true),
    )
}

/// Writes `bytes` to `path`, owner-only in an owner-only folder.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    create_private(path)?.write_all(bytes)
}

fn private_open(path: &Path, options: &mut OpenOptions) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir(dir)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    let file = options.open(path)?;
    tighten(path, FILE_MODE)?;
    Ok(file)
}

/// Takes from `path` every permission beyond `mode`.
fn tighten(path: &Path, mode: u32) -> io::Result<()> {
    match looser_than(path, mode) {
        Some(_) => set_mode(path, mode),
        None => Ok(()),
    }
}

/// The permission bits of `path` when they give anything beyond `mode` (to the group
/// or others); `None` when it is as private, or cannot be read.
pub fn looser_than(path: &Path, mode: u32) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let bits = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (bits & !mode != 0).then_some(bits)
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        None
    }
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
    Ok(())
}

/// Every folder and file below `dir` (and `dir` itself) that is looser than the
/// console makes them, with its mode: what `doctor` reports.
pub fn too_open(dir: &Path) -> Vec<(std::path::PathBuf, u32)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Some(bits) = looser_than(&p, DIR_MODE) {
                out.push((p.clone(), bits));
            }
            if let Ok(entries) = std::fs::read_dir(&p) {
                stack.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else if meta.is_file()
            && let Some(bits) = looser_than(&p, FILE_MODE)
        {
            out.push((p, bits));
        }
    }
    out.sort();
    out
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_are_owner_only_and_loose_ones_are_tightened() {
        let root = std::env::temp_dir().join(format!("pc-files-{}", uuid::Uuid::new_v4().simple()));
        let file = root.join("a/b/journal.jsonl");
        append_private(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&root.join("a/b")), 0o700);
        assert_eq!(mode(&root.join("a")), 0o700);
        // An older version's 0644 file in a 0755 folder: reported, then tightened.
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(root.join("a/b"), std::fs::Permissions::from_mode(0o755)).unwrap();
        let open = too_open(&root);
        assert_eq!(
            open,
            vec![(root.join("a/b"), 0o755), (file.clone(), 0o644)],
            "{open:?}"
        );
        append_private(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&root.join("a/b")), 0o700);
        assert!(too_open(&root).is_empty());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
