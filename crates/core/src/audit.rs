//! The audit log (docs/design.md §5): one JSON line per sensitive operation's outcome — time,
//! profile, partner, operation, target, amount, request id, outcome. Never a code, an SK
//! or a password: entries are built from [`Operation`]s, which hold none.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use std::borrow::Cow;

use crate::ops::Operation;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub time: String,
    pub profile: String,
    pub partner: String,
    pub operation: String,
    pub target: String,
    /// Whom the operation was for, by name (customers, reseller), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The money moved when the operation was applied (for a batch, what was paid);
    /// otherwise the amount it was for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    pub request_id: String,
    /// `applied`, `partly applied`, `failed: …`, `not applied`, `unknown: …`.
    pub outcome: String,
}

impl AuditEntry {
    pub fn new(
        profile: &str,
        partner: &str,
        request_id: &str,
        op: &Operation,
        outcome: String,
    ) -> Self {
        AuditEntry {
            time: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            profile: profile.into(),
            partner: partner.into(),
            operation: op.name().into(),
            target: op.audit_target(),
            name: op.audit_name(),
            amount: op.amount(),
            request_id: request_id.into(),
            outcome,
        }
    }

    /// Whether a History filter fragment matches this entry (any field, any case; the
    /// operation and outcome also as History shows them, so `代付` finds payments).
    pub fn matches(&self, fragment: &str) -> bool {
        let f = fragment.to_lowercase();
        let shown = [
            history_operation(&self.operation).into_owned(),
            history_outcome(&self.outcome),
            self.name.clone().unwrap_or_default(),
        ];
        [
            &self.time,
            &self.operation,
            &self.target,
            &self.request_id,
            &self.outcome,
            &self.partner,
            &self.profile,
        ]
        .into_iter()
        .chain(shown.iter())
        .any(|v| v.to_lowercase().contains(&f))
    }
}

#[derive(Debug, Clone)]
pub struct AuditLog {
    path: PathBuf,
}

impl AuditLog {
    pub fn new(path: &Path) -> AuditLog {
        AuditLog {
            path: path.to_path_buf(),
        }
    }

    pub fn append(&self, entry: &AuditEntry) -> io::Result<()> {
        let mut line = serde_json::to_string(entry).map_err(io::Error::other)?;
        line.push('\n');
        let mut file = crate::files::append_private(&self.path)?;
        file.write_all(line.as_bytes())?;
        file.sync_data()
    }

    /// Entries matching `filter` (every word must match), newest first; a missing file is
    /// an empty log and unreadable lines are skipped.
    pub fn read(&self, filter: &str) -> io::Result<Vec<AuditEntry>> {
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(e),
        };
        let words: Vec<&str> = filter.split_whitespace().collect();
        let mut out: Vec<AuditEntry> = BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<AuditEntry>(&l).ok())
            .filter(|e| words.iter().all(|w| e.matches(w)))
            .collect();
        out.reverse();
        Ok(out)
    }

    /// The orders whose pay request was declined (`x`, applied) through this backend and
    /// AK: in this log, and in those of the other profiles on this machine that use the
    /// same (their folders share the `-<hash>` of endpoint and AK).
    pub fn declined(&self) -> io::Result<Vec<String>> {
        let mut logs = vec![self.path.clone()];
        let dir = self.path.parent();
        let suffix = dir
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit_once('-'))
            .map(|(_, hash)| hash)
            .filter(|h| h.len() == 8 && h.chars().all(|c| c.is_ascii_hexdigit()));
        if let (Some(dir), Some(hash)) = (dir, suffix)
            && let Some(all) = dir.parent()
        {
            let own = dir.file_name();
            for entry in std::fs::read_dir(all)?.flatten() {
                let path = entry.path();
                let sibling = path.file_name() != own
                    && path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(&format!("-{hash}")));
                if sibling && path.is_dir() {
                    logs.push(path.join("audit.jsonl"));
                }
            }
        }
        let mut out = Vec::new();
        for log in logs {
            out.extend(
                AuditLog::new(&log)
                    .read("reject_order")?
                    .into_iter()
                    .filter(|e| e.operation == "reject_order" && e.outcome == "applied")
                    .map(|e| e.target),
            );
        }
        Ok(out)
    }
}

/// An operation of the audit log (`pay_orders`) in words; an unknown one as it is.
pub fn history_operation(name: &str) -> Cow<'_, str> {
    crate::i18n::find(crate::i18n::current(), &format!("history_op.{name}"))
        .or_else(|| crate::i18n::find(crate::i18n::Locale::En, &format!("history_op.{name}")))
        .map_or(Cow::Borrowed(name), Cow::Borrowed)
}

/// An outcome of the audit log (`failed: CS-1 CBC.99003142`) in words: the outcome in the
/// user's language, and each refusal code the console knows by what it means.
pub fn history_outcome(outcome: &str) -> String {
    const KINDS: [(&str, &str); 6] = [
        ("unknown, not checkable", "history_outcome.unverifiable"),
        ("partly applied", "history_outcome.partly"),
        ("not applied", "history_outcome.not_applied"),
        ("applied", "history_outcome.applied"),
        ("failed", "history_outcome.failed"),
        ("unknown", "history_outcome.unknown"),
    ];
    let Some((prefix, key)) = KINDS.iter().find(|(p, _)| outcome.starts_with(p)) else {
        return outcome.to_string();
    };
    let rest: Vec<String> = outcome[prefix.len()..]
        .split(' ')
        .map(|word| {
            let code = word.trim_end_matches([',', ';', '.']);
            match crate::ops::explain(code) {
                (words, _) if code.contains('.') && words != crate::i18n::t("refusal.other") => {
                    format!("({})", words.trim_end_matches(['.', '。']))
                }
                _ => word.to_string(),
            }
        })
        .collect();
    format!("{}{}", crate::i18n::t(key), rest.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declined_in(dir: &Path, order: &str, outcome: &str) {
        std::fs::create_dir_all(dir).unwrap();
        let entry = AuditEntry {
            time: "2026-11-23T01:00:00Z".into(),
            profile: "p".into(),
            partner: "AK X".into(),
            operation: "reject_order".into(),
            target: order.into(),
            name: None,
            amount: None,
            request_id: "r".into(),
            outcome: outcome.into(),
        };
        AuditLog::new(&dir.join("audit.jsonl"))
            .append(&entry)
            .unwrap();
    }

    /// Another profile with the same endpoint and AK declined an order: it counts; one
    /// with another AK, or a decline that failed, does not.
    #[test]
    fn declines_are_read_from_every_profile_of_the_same_backend_and_ak() {
        let root = std::env::temp_dir().join(format!("pc-audit-{}", uuid::Uuid::new_v4()));
        let profiles = root.join("profiles");
        declined_in(&profiles.join("work-1a2b3c4d"), "CS-1", "applied");
        declined_in(&profiles.join("night-shift-1a2b3c4d"), "CS-2", "applied");
        declined_in(
            &profiles.join("night-shift-1a2b3c4d"),
            "CS-4",
            "failed: CBC.x",
        );
        declined_in(&profiles.join("other-ffff0000"), "CS-3", "applied");
        let mut found = AuditLog::new(&profiles.join("work-1a2b3c4d").join("audit.jsonl"))
            .declined()
            .unwrap();
        found.sort();
        assert_eq!(found, ["CS-1", "CS-2"]);
        // A demo role's folder has no such suffix: its own log alone.
        declined_in(&root.join("demo").join("distributor"), "CS-5", "applied");
        let demo = AuditLog::new(&root.join("demo").join("distributor").join("audit.jsonl"))
            .declined()
            .unwrap();
        assert_eq!(demo, ["CS-5"]);
        std::fs::remove_dir_all(root).ok();
    }

    #[test]
    fn history_is_told_in_words() {
        assert_eq!(history_operation("pay_orders"), "pay orders");
        assert_eq!(history_operation("new_kind"), "new_kind");
        assert_eq!(history_outcome("applied"), "applied");
        assert_eq!(
            history_outcome("failed: CS-DEMO-QUOTA CBC.99003142"),
            "failed: CS-DEMO-QUOTA (The customer's resource quota is too small for this order)"
        );
        assert_eq!(
            history_outcome("partly applied (1 of 2): A CBC.0000001"),
            "partly applied (1 of 2): A CBC.0000001",
            "a code the console does not know stays as it is"
        );
        let entry = AuditEntry {
            time: "2026-11-23T01:00:00Z".into(),
            profile: "p".into(),
            partner: "华信".into(),
            operation: "pay_orders".into(),
            target: "CS-1".into(),
            name: Some("杭州极光网络科技有限公司".into()),
            amount: None,
            request_id: "r".into(),
            outcome: "applied".into(),
        };
        assert!(entry.matches("pay orders") && entry.matches("极光"));
        crate::i18n::with_locale(crate::i18n::Locale::ZhCn, || {
            assert!(
                entry.matches("代付"),
                "the words History shows are searched too"
            );
            assert_eq!(history_operation("pay_orders"), "代付订单");
            assert!(history_outcome("not applied").starts_with("未生效"));
        });
    }
}
