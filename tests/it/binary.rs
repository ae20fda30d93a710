//! The real binary as a user runs it, for the script, doctor and end-to-end tests.

use pc_mock::seed::DEMO_PARTNERS;

/// The real binary as a user runs it with `--endpoint`: its own home (config and data
/// folders under it), the distributor's AK and `sk` in the environment, `LC_ALL=lang`,
/// and nothing from this machine's PARTNER_CONSOLE_ENDPOINT or RUST_LOG. Add the
/// arguments (`--endpoint` goes last) and more environment, then [`output`].
pub fn binary(home: &std::path::Path, sk: &str, lang: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_partner-console"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LC_ALL", lang)
        .env_remove("PARTNER_CONSOLE_ENDPOINT")
        .env_remove("RUST_LOG");
    // Nothing of the developer's own Huawei setup; the distributor's AK and `sk`.
    for key in pc_core::config::SDK_ENV {
        cmd.env_remove(key);
    }
    cmd.env("HUAWEICLOUD_SDK_AK", DEMO_PARTNERS[0].ak)
        .env("HUAWEICLOUD_SDK_SK", sk);
    cmd
}

/// Runs `cmd` with `--endpoint endpoint` after its arguments: (exit code, stdout, stderr).
pub async fn output(mut cmd: tokio::process::Command, endpoint: &str) -> (i32, String, String) {
    let out = cmd
        .args(["--endpoint", endpoint])
        .output()
        .await
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
