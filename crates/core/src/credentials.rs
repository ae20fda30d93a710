//! Credentials as the Huawei SDKs take them: the shared credentials file
//! (`~/.huaweicloud/credentials`, section `[global]`), where each value came from, and
//! the account (domain) id of an AK — configured, or asked of IAM once and kept per AK
//! in the data directory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use pc_client::{Client, ClientError};

pub const ENV_DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";

/// Where a setting came from, for `doctor` and for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    CommandLine,
    /// An environment variable, by name.
    Environment(&'static str),
    /// The config file's profile, by name.
    Profile(String),
    /// The SDKs' shared credentials file.
    CredentialsFile(PathBuf),
    /// Learnt from IAM earlier and kept in the data directory.
    Cache(PathBuf),
    /// Asked of IAM now.
    Iam(String),
    /// Nothing named it: the default.
    Default,
    /// The demo's built-in backend.
    Demo,
}

impl Source {
    /// In the user's language, for `doctor`.
    pub fn describe(&self) -> String {
        match self {
            Source::CommandLine => t!("source.command_line").into(),
            Source::Environment(var) => t!("source.environment", var = var),
            Source::Profile(name) => t!("source.profile", name = format!("{name:?}")),
            Source::CredentialsFile(path) => {
                t!("source.credentials_file", path = path.display())
            }
            Source::Cache(path) => t!("source.cache", path = path.display()),
            Source::Iam(endpoint) => t!("source.iam", endpoint = endpoint),
            Source::Default => t!("source.default").into(),
            Source::Demo => t!("source.demo").into(),
        }
    }
}

/// Where each credential setting came from (never the secrets themselves).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub ak_sk: Source,
    pub domain_id: Option<Source>,
    pub security_token: Option<Source>,
    pub iam_endpoint: Source,
}

impl Default for Sources {
    fn default() -> Self {
        Sources {
            ak_sk: Source::Default,
            domain_id: None,
            security_token: None,
            iam_endpoint: Source::Default,
        }
    }
}

/// A secret as `Debug` shows it: whether there is one, never what.
pub(crate) fn redacted(secret: &Option<String>) -> Option<&'static str> {
    secret.as_ref().map(|_| "***")
}

/// The `[global]` section of the SDKs' shared credentials file. `Debug` never shows
/// the SK or the security token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct FileCredentials {
    pub ak: Option<String>,
    pub sk: Option<String>,
    pub domain_id: Option<String>,
    pub security_token: Option<String>,
    pub iam_endpoint: Option<String>,
}

impl std::fmt::Debug for FileCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileCredentials")
            .field("ak", &self.ak)
            .field("sk", &redacted(&self.sk))
            .field("domain_id", &self.domain_id)
            .field("security_token", &redacted(&self.security_token))
            .field("iam_endpoint", &self.iam_endpoint)
            .finish()
    }
}

/// What is wrong with a credentials file: where, and what (never the line's text, which
/// may be the secret key).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct IniError {
    pub line: usize,
    pub what: String,
}

/// Reads the INI text of a credentials file: `[global]`'s keys, as Python's configparser
/// reads them (`key = value` or `key: value`, `#` and `;` comments, keys in any case).
/// The other sections (`[basic]`, for regional services) are skipped.
pub fn parse_credentials_file(text: &str) -> Result<FileCredentials, IniError> {
    let mut out = FileCredentials::default();
    let mut section: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name.strip_suffix(']').ok_or_else(|| IniError {
                line: i + 1,
                what: "a section header without its closing ]".into(),
            })?;
            section = Some(name.trim().to_ascii_lowercase());
            continue;
        }
        let Some((key, value)) = line.split_once(['=', ':']) else {
            return Err(IniError {
                line: i + 1,
                what: "neither a section, a comment nor key = value".into(),
            });
        };
        if section.as_deref() != Some("global") {
            if section.is_none() {
                return Err(IniError {
                    line: i + 1,
                    what: "a key before any [section]".into(),
                });
            }
            continue;
        }
        let value = value.trim();
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.trim().to_ascii_lowercase().as_str() {
            "ak" => out.ak = value,
            "sk" => out.sk = value,
            "domain_id" => out.domain_id = value,
            "security_token" => out.security_token = value,
            "iam_endpoint" => out.iam_endpoint = value,
            // project_id, idp_id, id_token_file: the SDKs' other keys, not used here.
            _ => {}
        }
    }
    Ok(out)
}

/// The account ids learnt from IAM, per AK and IAM endpoint: `domains.json` in the data
/// directory, owner-only.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DomainCache {
    #[serde(default)]
    domains: BTreeMap<String, String>,
}

fn cache_key(ak: &str, iam: &str) -> String {
    format!("{ak} {iam}")
}

/// The data directory's cache file.
pub fn domain_cache_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "partner-console")
        .map(|d| d.data_dir().join("domains.json"))
}

fn read_cache(path: &Path) -> DomainCache {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// The account id kept for an AK and IAM endpoint, if any.
pub fn cached_domain(path: &Path, ak: &str, iam: &str) -> Option<String> {
    read_cache(path).domains.get(&cache_key(ak, iam)).cloned()
}

/// Keeps an account id for an AK and IAM endpoint.
pub fn remember_domain(path: &Path, ak: &str, iam: &str, domain_id: &str) -> std::io::Result<()> {
    let mut cache = read_cache(path);
    cache
        .domains
        .insert(cache_key(ak, iam), domain_id.to_string());
    if let Some(dir) = path.parent() {
        crate::files::private_dir(dir)?;
    }
    let bytes = serde_json::to_vec_pretty(&cache).map_err(std::io::Error::other)?;
    // Written aside, then renamed over: a reader never sees half a file.
    let aside = path.with_extension(format!("json.{}", uuid::Uuid::new_v4().simple()));
    crate::files::write_private(&aside, &bytes)?;
    std::fs::rename(&aside, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&aside);
    })
}

/// Why the account id could not be learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoDomain {
    pub iam: String,
    pub error: ClientError,
}

impl std::fmt::Display for NoDomain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t!(
            "credentials.no_domain",
            iam = self.iam,
            error = crate::format::describe(&self.error),
            env = ENV_DOMAIN_ID
        ))
    }
}

/// The client with its account id: the configured one, else the one kept for this AK,
/// else IAM's answer (then kept in `cache`; `asking` is told the IAM endpoint first).
/// Returns where it came from.
pub async fn with_domain(
    client: Client,
    cache: Option<&Path>,
    asking: impl FnOnce(&str),
) -> Result<(Client, Source), NoDomain> {
    if client.credentials().domain_id.is_some() {
        return Ok((client, Source::Default));
    }
    let ak = client.credentials().ak.clone();
    let iam = client.iam_endpoint().to_string();
    if let Some(path) = cache
        && let Some(id) = cached_domain(path, &ak, &iam)
    {
        return Ok((
            client.with_domain_id(&id),
            Source::Cache(path.to_path_buf()),
        ));
    }
    asking(&iam);
    let id = match client.fetch_domain_id().await {
        Ok(id) => id,
        // A backend of someone else's that has no IAM (a proxy, an older twin) is not
        // Huawei's gateway: it goes without the header.
        Err(ClientError::Api { status: 404, .. }) if !pc_client::is_huawei_host(&iam) => {
            tracing::warn!(iam, "no IAM at this backend: calls go without X-Domain-Id");
            return Ok((client, Source::Default));
        }
        Err(error) => {
            return Err(NoDomain {
                iam: iam.clone(),
                error,
            });
        }
    };
    // Temporary credentials change AK at every renewal: not kept.
    let temporary = client.credentials().security_token.is_some();
    if let Some(path) = cache.filter(|_| !temporary)
        && let Err(e) = remember_domain(path, &ak, &iam, &id)
    {
        tracing::warn!(path = %path.display(), "cannot keep the account id: {e}");
    }
    Ok((client.with_domain_id(&id), Source::Iam(iam)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_global_section_is_read_and_the_others_skipped() {
        let text = "# made by hcloud\n[basic]\nak = BASICAK\nsk = basic-sk\n\n[global]\nAK = GLOBALAK\nsk: global-sk\ndomain_id = 0123abcd\n; a comment\nsecurity_token =\niam_endpoint = https://iam.example\nproject_id = ignored\n";
        let f = parse_credentials_file(text).unwrap();
        assert_eq!(f.ak.as_deref(), Some("GLOBALAK"));
        assert_eq!(f.sk.as_deref(), Some("global-sk"));
        assert_eq!(f.domain_id.as_deref(), Some("0123abcd"));
        assert_eq!(f.security_token, None, "an empty value is no value");
        assert_eq!(f.iam_endpoint.as_deref(), Some("https://iam.example"));
    }

    #[test]
    fn a_broken_file_says_where_and_never_the_line() {
        let e = parse_credentials_file("[global]\nsk-without-equals-SECRET\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(!e.to_string().contains("SECRET"));
        assert_eq!(parse_credentials_file("[global\nak=1").unwrap_err().line, 1);
        assert_eq!(parse_credentials_file("ak = 1\n").unwrap_err().line, 1);
    }

    #[test]
    fn the_cache_is_kept_per_ak_and_iam_and_owner_only() {
        let dir = std::env::temp_dir().join(format!("pc-domains-{}", uuid::Uuid::new_v4()));
        let path = dir.join("domains.json");
        assert_eq!(cached_domain(&path, "AK1", "https://iam"), None);
        remember_domain(&path, "AK1", "https://iam", "d1").unwrap();
        remember_domain(&path, "AK2", "https://iam", "d2").unwrap();
        assert_eq!(
            cached_domain(&path, "AK1", "https://iam").as_deref(),
            Some("d1")
        );
        assert_eq!(cached_domain(&path, "AK1", "http://other"), None);
        assert_eq!(crate::files::looser_than(&path, 0o600), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
