//! The exactly-once journal (docs/design.md §5): a JSON-lines file where each sensitive write's
//! intent is recorded — and flushed to disk — before it is sent, and its outcome after.
//! An intent without an outcome is unfinished: at the next start the console asks the
//! backend what became of that request id instead of sending it again.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::ops::Operation;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Entry {
    Intent {
        request_id: String,
        at: String,
        op: Operation,
    },
    Done {
        request_id: String,
        at: String,
        outcome: String,
    },
}

/// One intent of the journal and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub request_id: String,
    /// When the intent was written (UTC, RFC 3339).
    pub at: String,
    pub op: Operation,
    /// The outcome as recorded, `None` while unfinished.
    pub outcome: Option<String>,
}

/// The journal file; appends are serialised and synced.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Mutex<File>,
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Journal {
    pub fn open(path: &Path) -> io::Result<Journal> {
        let mut file = crate::files::append_private(path)?;
        // A crash mid-append leaves a last line without its newline: end it, so that the
        // next entry is not glued onto the torn one.
        let len = file.metadata()?.len();
        if len > 0 {
            use std::io::{Read, Seek, SeekFrom};
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
                file.sync_data()?;
            }
        }
        Ok(Journal {
            path: path.to_path_buf(),
            file: Mutex::new(file),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn append(&self, entry: &Entry) -> io::Result<()> {
        let mut line = serde_json::to_string(entry).map_err(io::Error::other)?;
        line.push('\n');
        let mut file = self
            .file
            .lock()
            .map_err(|_| io::Error::other("journal lock poisoned"))?;
        file.write_all(line.as_bytes())?;
        // The intent must be on disk before the request leaves.
        file.sync_data()
    }

    /// Whether an entry can be written now (a folder made read-only, a full disk): an
    /// empty line, synced. Readers skip it.
    pub fn check_writable(&self) -> io::Result<()> {
        let mut file = self
            .file
            .lock()
            .map_err(|_| io::Error::other("journal lock poisoned"))?;
        file.write_all(b"\n")?;
        file.sync_data()
    }

    /// Records that `op` is about to be sent with `request_id`.
    pub fn intent(&self, request_id: &str, op: &Operation) -> io::Result<()> {
        self.append(&Entry::Intent {
            request_id: request_id.into(),
            at: now(),
            op: op.clone(),
        })
    }

    /// Records what became of `request_id`.
    pub fn done(&self, request_id: &str, outcome: &str) -> io::Result<()> {
        self.append(&Entry::Done {
            request_id: request_id.into(),
            at: now(),
            outcome: outcome.into(),
        })
    }

    /// Closes every unfinished intent with `why` (their backend is gone).
    pub fn close_all(&self, why: &str) -> io::Result<()> {
        for (id, _) in self.unfinished()? {
            self.done(&id, &format!("unknown: {why}"))?;
        }
        Ok(())
    }

    /// Intents without an outcome, oldest first. Unreadable lines (a torn last write)
    /// are skipped.
    pub fn unfinished(&self) -> io::Result<Vec<(String, Operation)>> {
        Ok(self
            .unfinished_since()?
            .into_iter()
            .map(|(id, _, op)| (id, op))
            .collect())
    }

    /// The same, each with when its intent was written (`at`, UTC, RFC 3339).
    pub fn unfinished_since(&self) -> io::Result<Vec<(String, String, Operation)>> {
        Ok(self
            .records()?
            .into_iter()
            .filter(|r| r.outcome.is_none())
            .map(|r| (r.request_id, r.at, r.op))
            .collect())
    }

    /// Every intent with its outcome (`None` while unfinished), oldest first.
    pub fn records(&self) -> io::Result<Vec<Record>> {
        let file = File::open(&self.path)?;
        let mut records: Vec<Record> = Vec::new();
        // Bytes, not text: a torn multi-byte character must not stop the reading.
        for line in BufReader::new(file).split(b'\n') {
            match serde_json::from_slice::<Entry>(&line?) {
                Ok(Entry::Intent { request_id, at, op }) => records.push(Record {
                    request_id,
                    at,
                    op,
                    outcome: None,
                }),
                Ok(Entry::Done {
                    request_id,
                    outcome,
                    ..
                }) => {
                    if let Some(r) = records
                        .iter_mut()
                        .rev()
                        .find(|r| r.request_id == request_id)
                    {
                        r.outcome = Some(outcome);
                    }
                }
                Err(_) => continue,
            }
        }
        Ok(records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intents_without_outcomes_are_unfinished_and_torn_lines_are_skipped() {
        let dir = std::env::temp_dir().join(format!("pc-journal-{}", uuid::Uuid::new_v4()));
        let path = dir.join("journal.jsonl");
        let j = Journal::open(&path).unwrap();
        let op = Operation::RejectOrder {
            order_id: "CS1".into(),
        };
        j.intent("a", &op).unwrap();
        j.intent("b", &op).unwrap();
        j.done("a", "applied").unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"state\":\"intent\",\"requ")
            .unwrap();
        let again = Journal::open(&path).unwrap();
        assert_eq!(
            again.unfinished().unwrap(),
            vec![("b".to_string(), op.clone())]
        );
        // The next entry after a torn line is still read; so is a torn Chinese name.
        again.intent("c", &op).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(&"{\"state\":\"intent\",\"x\":\"华".as_bytes()[..20])
            .unwrap();
        let ids: Vec<String> = Journal::open(&path)
            .unwrap()
            .unfinished()
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, vec!["b", "c"]);
        // Every intent, with what became of it.
        let outcomes: Vec<(String, Option<String>)> = Journal::open(&path)
            .unwrap()
            .records()
            .unwrap()
            .into_iter()
            .map(|r| (r.request_id, r.outcome))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                ("a".into(), Some("applied".into())),
                ("b".into(), None),
                ("c".into(), None)
            ]
        );
        // A request settled twice (asked again after an unknown): the later word wins.
        let j = Journal::open(&path).unwrap();
        j.done("a", "failed: CBC.0100 no").unwrap();
        let a = j.records().unwrap().remove(0);
        assert_eq!(a.outcome.as_deref(), Some("failed: CBC.0100 no"));
        // A demo backend that has gone: its intents are closed, not left open.
        let j = Journal::open(&path).unwrap();
        j.close_all("the demo backend it was sent to has stopped")
            .unwrap();
        assert!(j.unfinished().unwrap().is_empty());
        std::fs::remove_dir_all(dir).ok();
    }
}
