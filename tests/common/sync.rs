//! Two journal folders ("two computers") and a bare repository on local
//! disk, with HOME and git's global config inside a temporary folder: the
//! setup of the sync tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

use tempfile::TempDir;

pub struct World {
    pub tmp: TempDir,
}

impl World {
    pub fn new() -> World {
        let w = World {
            tmp: TempDir::new().unwrap(),
        };
        fs::write(w.path("gitconfig"), "").unwrap();
        fs::write(w.path("pass"), "lantern orchard quietly\n").unwrap();
        let out = w.git(w.tmp.path(), &["init", "-q", "--bare", "remote.git"]);
        assert!(out.status.success());
        w
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
    pub fn remote(&self) -> String {
        self.path("remote.git").display().to_string()
    }
    pub fn tend(&self, machine: &str) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("tend").unwrap();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TEND_DIR", self.path(machine))
            .env("TEND_CONFIG", self.path("config.toml"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "200")
            .env("TEND_TEST_WORK_FACTOR", "2")
            .env(
                "TEND_PASSPHRASE_COMMAND",
                format!("cat '{}'", self.path("pass").display()),
            );
        c
    }
    /// `tend` on `machine` as a plain `std::process::Command`, with exactly
    /// the environment of [`World::tend`], for tests that spawn and kill it.
    pub fn std_tend(&self, machine: &str) -> Std {
        let c = self.tend(machine);
        let mut s = Std::new(c.get_program());
        s.env_clear();
        for (k, v) in c.get_envs() {
            if let Some(v) = v {
                s.env(k, v);
            }
        }
        s
    }
    pub fn run(&self, machine: &str, args: &[&str]) -> std::process::Output {
        self.tend(machine).args(args).output().unwrap()
    }
    pub fn ok(&self, machine: &str, args: &[&str]) -> String {
        let out = self.run(machine, args);
        assert!(
            out.status.success(),
            "tend {args:?} on {machine} failed: {}",
            super::stderr(&out)
        );
        super::stdout(&out)
    }
    pub fn git(&self, dir: &Path, args: &[&str]) -> std::process::Output {
        Std::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    }
    pub fn git_text(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            super::stderr(&out)
        );
        super::stdout(&out)
    }
    /// Machine a with one note, sent to the remote; machine b joined.
    pub fn two_machines(&self) {
        self.ok("a", &["note", "first from a"]);
        self.ok("a", &["sync", "init", &self.remote(), "--yes"]);
        let joined = self.ok("b", &["sync", "init", &self.remote()]);
        assert!(joined.contains("Joined the journal"), "{joined}");
    }
    /// Machine a with one note ("sealed from a"), encrypted (its recovery
    /// key in `recovery.txt`) and sent to the remote; machine b joined.
    pub fn two_encrypted_machines(&self) {
        self.ok("a", &["note", "sealed from a"]);
        let recovery = self.path("recovery.txt");
        self.ok(
            "a",
            &["encrypt", "--recovery-key-out", recovery.to_str().unwrap()],
        );
        self.ok("a", &["sync", "init", &self.remote()]);
        self.ok("b", &["sync", "init", &self.remote()]);
    }
    pub fn entry_files(&self, machine: &str) -> Vec<PathBuf> {
        let mut files = Vec::new();
        super::walk(&self.path(machine).join("entries"), &mut files);
        files.sort();
        files
    }
    pub fn config(&self, text: &str) {
        fs::write(self.path("config.toml"), text).unwrap();
    }
    /// Every file in a machine's journal folder and its bytes, the derived
    /// index and the (empty) lock file aside.
    pub fn snapshot(&self, machine: &str) -> Vec<(PathBuf, Vec<u8>)> {
        let root = self.path(machine);
        let mut files = Vec::new();
        super::walk(&root, &mut files);
        files.retain(|p| !p.starts_with(root.join("index")) && *p != root.join(".lock"));
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let b = fs::read(&p).unwrap();
                (p, b)
            })
            .collect()
    }
    /// The commit the remote's main branch is at.
    pub fn remote_main(&self) -> String {
        self.git_text(&self.path("remote.git"), &["rev-parse", "main"])
    }
}
