//! The worker: owns the client and answers each [`Command`] with a tagged [`Msg`] over a
//! channel, so the UI never waits on the network. A new request for the same slot (a
//! pane's list, the detail view, the balances) aborts the one in flight: reloads
//! coalesce to the latest.

use std::collections::HashMap;
use std::time::Instant;

use futures::FutureExt;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use crate::app::{Command, Msg, PageQuery, Pane};
use pc_api::*;
use pc_client::Client;
use pc_core::format::describe;
use pc_core::pricing::rate;
use pc_core::query::{load_detail, load_page};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Slot {
    Page(Pane),
    Detail,
    Balances,
    Capabilities,
    Verification,
    Pricing,
    Code,
    Quotas,
    Export,
    Bill,
    Recharge,
    Proof,
    Agreements,
    Profile,
    Invitation,
    Association,
    Switches,
    Specs,
    Rate,
    /// One check per kind (name, mobile, email): a newer one replaces the older.
    Identity(String),
    /// One review read per customer.
    Review(String),
    Resolve,
    /// Each operation has its own slot: nothing ever aborts a write in flight.
    Operation(String),
}

/// Runs until a `Command::Quit` or until the command channel closes.
pub async fn run(
    client: Client,
    records: pc_core::exec::Records,
    mut commands: UnboundedReceiver<Command>,
    out: UnboundedSender<Msg>,
) {
    let records = std::sync::Arc::new(records);
    let mut inflight: HashMap<Slot, JoinHandle<()>> = HashMap::new();
    // The partial file of the export under way, to remove when it is cancelled.
    // The export under way: its request, partial file and final file.
    let mut export_partial: Option<(u64, std::path::PathBuf, std::path::PathBuf)> = None;
    while let Some(cmd) = commands.recv().await {
        let fallback = internal_error(&cmd);
        let (slot, fut): (
            Slot,
            std::pin::Pin<Box<dyn std::future::Future<Output = Msg> + Send>>,
        ) = match cmd {
            Command::Quit => {
                if let Some((_, partial, _)) = export_partial.take() {
                    let _ = std::fs::remove_file(partial);
                }
                break;
            }
            Command::CancelExport { request } => {
                if let Some((r, partial, done)) = export_partial.take() {
                    if r == request {
                        if let Some(h) = inflight.remove(&Slot::Export) {
                            h.abort();
                            let _ = h.await;
                        }
                        let _ = std::fs::remove_file(&partial);
                        // Too late to cancel: say where the finished file is.
                        if done.exists() {
                            let _ = out.send(Msg::Notice(Ok(t!(
                                "worker.export_finished",
                                path = done.display()
                            ))));
                        }
                    } else {
                        export_partial = Some((r, partial, done));
                    }
                }
                continue;
            }
            Command::LoadProfile => {
                let c = client.clone();
                (
                    Slot::Profile,
                    Box::pin(
                        async move { Msg::Profile(c.profile().await.map_err(|e| describe(&e))) },
                    ),
                )
            }
            Command::LoadInvitation => {
                let c = client.clone();
                (
                    Slot::Invitation,
                    Box::pin(async move {
                        Msg::Invitation(c.invitation().await.map_err(|e| describe(&e)))
                    }),
                )
            }
            Command::LoadRecharge => {
                let c = client.clone();
                (
                    Slot::Recharge,
                    Box::pin(async move {
                        Msg::Recharge(c.recharge_account().await.map_err(|e| describe(&e)))
                    }),
                )
            }
            Command::SendRechargeAccount => {
                let c = client.clone();
                (
                    // Never aborted: the SMS is a write.
                    Slot::Operation(uuid::Uuid::new_v4().to_string()),
                    Box::pin(async move {
                        Msg::Notice(
                            c.send_recharge_account()
                                .await
                                .map(|s| t!("worker.account_sent", to = s.sent_to))
                                .map_err(|e| t!("worker.account_not_sent", error = describe(&e))),
                        )
                    }),
                )
            }
            Command::DownloadProof => {
                let c = client.clone();
                let dir = records
                    .exports
                    .clone()
                    .unwrap_or_else(|| std::env::temp_dir().join("partner-console-exports"));
                (
                    Slot::Proof,
                    Box::pin(async move {
                        let saved = async {
                            let text = c.recharge_proof().await.map_err(|e| describe(&e))?;
                            save(&dir, "remittance-account-proof", "txt", &text)
                        };
                        Msg::Notice(
                            saved
                                .await
                                .map(|p| t!("worker.proof_saved", path = p))
                                .map_err(|e| t!("worker.proof_failed", error = e)),
                        )
                    }),
                )
            }
            Command::LoadAgreements => {
                let c = client.clone();
                (
                    Slot::Agreements,
                    Box::pin(async move {
                        Msg::Agreements(
                            c.agreements()
                                .await
                                .map(|r| r.agreements)
                                .map_err(|e| describe(&e)),
                        )
                    }),
                )
            }
            Command::DownloadBill {
                request: _,
                contract_id,
            } => {
                let c = client.clone();
                let dir = records
                    .exports
                    .clone()
                    .unwrap_or_else(|| std::env::temp_dir().join("partner-console-exports"));
                (
                    Slot::Bill,
                    Box::pin(async move {
                        let result = download_bill(&c, &contract_id, &dir).await;
                        Msg::Bill {
                            contract_id,
                            result,
                        }
                    }),
                )
            }
            Command::Export {
                request,
                query,
                pane,
            } => {
                let c = client.clone();
                let records = records.clone();
                let progress = out.clone();
                let dir = records
                    .exports
                    .clone()
                    .unwrap_or_else(|| std::env::temp_dir().join("partner-console-exports"));
                let (done, partial) =
                    pc_core::export::paths(&dir, pane.title(), chrono::Utc::now());
                export_partial = Some((request, partial.clone(), done.clone()));
                (
                    Slot::Export,
                    Box::pin(async move {
                        let result = export(
                            &c, &records, request, query, &dir, &done, &partial, &progress,
                        )
                        .await;
                        if result.is_err() {
                            let _ = std::fs::remove_file(&partial);
                        }
                        Msg::Exported { request, result }
                    }),
                )
            }
            Command::LoadPage {
                request,
                offset,
                limit,
                query,
            } => {
                let c = client.clone();
                let records = records.clone();
                (
                    Slot::Page(query.pane()),
                    Box::pin(async move {
                        let started = Instant::now();
                        let result = load_page(&c, &records, query, offset, limit)
                            .await
                            .map_err(|e| describe(&e));
                        Msg::Page {
                            request,
                            offset,
                            result,
                            latency: started.elapsed(),
                        }
                    }),
                )
            }
            Command::LoadDetail { request, query } => {
                let c = client.clone();
                (
                    Slot::Detail,
                    Box::pin(async move {
                        let started = Instant::now();
                        let result = load_detail(&c, query)
                            .await
                            .map(Box::new)
                            .map_err(|e| describe(&e));
                        Msg::Detail {
                            request,
                            result,
                            latency: started.elapsed(),
                        }
                    }),
                )
            }
            Command::LoadAssociation {
                request,
                customer_id,
            } => {
                let c = client.clone();
                (
                    Slot::Association,
                    Box::pin(async move {
                        let result = c
                            .association(&customer_id)
                            .await
                            .map(Box::new)
                            .map_err(|e| describe(&e));
                        Msg::Association { request, result }
                    }),
                )
            }
            Command::LoadReview { customer_id } => {
                let c = client.clone();
                (
                    Slot::Review(customer_id.clone()),
                    Box::pin(async move {
                        let result = c
                            .show_realname_review_result(&customer_id)
                            .await
                            .map_err(|e| describe(&e));
                        Msg::Review {
                            customer_id,
                            result,
                        }
                    }),
                )
            }
            Command::LoadSwitches => {
                let c = client.clone();
                (
                    Slot::Switches,
                    Box::pin(async move {
                        Msg::Switches(
                            c.switches()
                                .await
                                .map(|r| r.switches)
                                .map_err(|e| describe(&e)),
                        )
                    }),
                )
            }
            Command::CheckIdentity {
                request,
                kind,
                value,
            } => {
                let c = client.clone();
                (
                    Slot::Identity(kind.clone()),
                    Box::pin(async move {
                        let req = pc_api::CheckUserIdentityReq {
                            search_type: kind,
                            search_value: value,
                        };
                        let result = c.check_user_identity(&req).await.map_err(|e| describe(&e));
                        Msg::IdentityChecked { request, result }
                    }),
                )
            }
            Command::SendCustomerCode {
                request,
                phone,
                customer_id,
            } => {
                let c = client.clone();
                (
                    // Never aborted: the SMS is a write.
                    Slot::Operation(uuid::Uuid::new_v4().to_string()),
                    Box::pin(async move {
                        let scene = if customer_id.is_some() {
                            pc_api::rules::BANK_CARD_SCENE
                        } else {
                            29
                        };
                        let req = pc_api::SendVerificationCodeReq {
                            receiver_type: 1,
                            mobile_phone: Some(phone),
                            scene: Some(scene),
                            customer_id,
                            ..Default::default()
                        };
                        let result = c
                            .send_verification_code(&req)
                            .await
                            .map_err(|e| describe(&e));
                        Msg::RegistrationCode { request, result }
                    }),
                )
            }
            Command::LoadSpecs {
                request,
                service_type_code,
            } => {
                let c = client.clone();
                (
                    Slot::Specs,
                    Box::pin(async move {
                        let result = c.specs(&service_type_code).await.map_err(|e| describe(&e));
                        Msg::Specs { request, result }
                    }),
                )
            }
            Command::Rate { request, rating } => {
                let c = client.clone();
                (
                    Slot::Rate,
                    Box::pin(async move {
                        let result = rate(&c, rating).await.map_err(|e| describe(&e));
                        Msg::Rated { request, result }
                    }),
                )
            }
            // The UI loop writes it to the terminal; nothing to do here.
            Command::Copy(_) => continue,
            Command::LoadCapabilities => {
                let c = client.clone();
                (
                    Slot::Capabilities,
                    Box::pin(async move {
                        Msg::Capabilities(
                            c.capabilities()
                                .await
                                .map(|caps| caps.is_some())
                                .map_err(|e| describe(&e)),
                        )
                    }),
                )
            }
            Command::LoadVerification => {
                let c = client.clone();
                (
                    Slot::Verification,
                    Box::pin(async move {
                        Msg::Verification(c.verification_setting().await.map_err(|e| describe(&e)))
                    }),
                )
            }
            Command::LoadPricing { request, order_id } => {
                let c = client.clone();
                (
                    Slot::Pricing,
                    Box::pin(async move {
                        let result = c.order_pricing(&order_id).await.map_err(|e| describe(&e));
                        Msg::Pricing { request, result }
                    }),
                )
            }
            Command::RequestCode {
                request,
                scene,
                channel,
                target,
            } => {
                let c = client.clone();
                (
                    Slot::Code,
                    Box::pin(async move {
                        let req = pc_api::partner_center::ChallengeReq {
                            scene,
                            channel,
                            target,
                        };
                        let result = c
                            .request_code(&req)
                            .await
                            .map_err(|e| pc_core::exec::failure(&e));
                        Msg::Challenge { request, result }
                    }),
                )
            }
            Command::Execute {
                request_id,
                op,
                verification,
                bss_only,
            } => {
                let c = client.clone();
                let records = records.clone();
                (
                    Slot::Operation(request_id.clone()),
                    Box::pin(async move {
                        let done = pc_core::exec::execute(
                            &c,
                            &records,
                            &request_id,
                            &op,
                            verification,
                            bss_only,
                        )
                        .await;
                        Msg::Executed {
                            request_id,
                            sent_as: Some(done.sent_as),
                            outcome: done.outcome,
                        }
                    }),
                )
            }
            Command::Recheck { request_id, op } => {
                let c = client.clone();
                let records = records.clone();
                (
                    Slot::Operation(request_id.clone()),
                    Box::pin(async move {
                        let outcome = pc_core::exec::recheck(&c, &records, &request_id, &op).await;
                        Msg::Executed {
                            request_id,
                            sent_as: None,
                            outcome,
                        }
                    }),
                )
            }
            Command::LoadQuotas { request } => {
                let c = client.clone();
                (
                    Slot::Quotas,
                    Box::pin(async move {
                        let req = CouponQuotasReq {
                            limit: Some(100),
                            ..Default::default()
                        };
                        let result = c
                            .list_quota_coupons(&req)
                            .await
                            .map(|r| r.quotas)
                            .map_err(|e| describe(&e));
                        Msg::Quotas { request, result }
                    }),
                )
            }
            Command::ResolveJournal => {
                let c = client.clone();
                let records = records.clone();
                (
                    Slot::Resolve,
                    Box::pin(async move {
                        Msg::Resolved(pc_core::exec::resolve_journal(&c, &records).await)
                    }),
                )
            }
            Command::LoadBalances { request } => {
                let c = client.clone();
                (
                    Slot::Balances,
                    Box::pin(async move {
                        let started = Instant::now();
                        let result = c
                            .list_partner_balances(&PartnerBalancesQuery::default())
                            .await
                            .map(|b| b.account_balances)
                            .map_err(|e| describe(&e));
                        Msg::Balances {
                            request,
                            result,
                            latency: started.elapsed(),
                        }
                    }),
                )
            }
        };
        if let Some(previous) = inflight.remove(&slot) {
            previous.abort();
        }
        let out = out.clone();
        inflight.insert(
            slot,
            tokio::spawn(async move {
                // A panic inside a request answers like an error, so the UI never
                // waits for it forever.
                let msg = std::panic::AssertUnwindSafe(fut)
                    .catch_unwind()
                    .await
                    .unwrap_or(fallback);
                let _ = out.send(msg);
            }),
        );
        inflight.retain(|_, h| !h.is_finished());
    }
    for (_, h) in inflight {
        h.abort();
    }
}

/// The answer to `cmd` when its task panicked.
fn internal_error(cmd: &Command) -> Msg {
    let e: &'static str = t!("describe.internal_error");
    let zero = std::time::Duration::ZERO;
    match cmd {
        Command::LoadPage {
            request, offset, ..
        } => Msg::Page {
            request: *request,
            offset: *offset,
            result: Err(e.into()),
            latency: zero,
        },
        Command::LoadDetail { request, .. } => Msg::Detail {
            request: *request,
            result: Err(e.into()),
            latency: zero,
        },
        Command::LoadBalances { request } => Msg::Balances {
            request: *request,
            result: Err(e.into()),
            latency: zero,
        },
        Command::LoadCapabilities => Msg::Capabilities(Err(e.into())),
        Command::LoadVerification => Msg::Verification(Err(e.into())),
        Command::LoadPricing { request, .. } => Msg::Pricing {
            request: *request,
            result: Err(e.into()),
        },
        Command::RequestCode { request, .. } => Msg::Challenge {
            request: *request,
            result: Err(pc_core::outcome::Failure {
                code: None,
                message: e.into(),
                kind: pc_core::outcome::FailureKind::Local,
            }),
        },
        // The journal keeps the intent: the next start asks the backend about it.
        Command::Execute { request_id, .. } => Msg::Executed {
            request_id: request_id.clone(),
            sent_as: None,
            outcome: pc_core::outcome::ExecOutcome::Unknown(e.into()),
        },
        Command::ResolveJournal => Msg::Resolved(vec![]),
        Command::Export { request, .. } => Msg::Exported {
            request: *request,
            result: Err(e.into()),
        },
        Command::CancelExport { .. } => Msg::Resolved(vec![]),
        Command::LoadRecharge => Msg::Recharge(Err(e.into())),
        Command::LoadInvitation => Msg::Invitation(Err(e.into())),
        Command::LoadProfile => Msg::Profile(Err(e.into())),
        Command::LoadAgreements => Msg::Agreements(Err(e.into())),
        Command::SendRechargeAccount | Command::DownloadProof => Msg::Notice(Err(e.into())),
        Command::DownloadBill { contract_id, .. } => Msg::Bill {
            contract_id: contract_id.clone(),
            result: Err(e.into()),
        },
        Command::LoadQuotas { request } => Msg::Quotas {
            request: *request,
            result: Err(e.into()),
        },
        Command::Recheck { request_id, .. } => Msg::Executed {
            request_id: request_id.clone(),
            sent_as: None,
            outcome: pc_core::outcome::ExecOutcome::Unknown(e.into()),
        },
        Command::LoadAssociation { request, .. } => Msg::Association {
            request: *request,
            result: Err(e.into()),
        },
        Command::LoadSwitches => Msg::Switches(Err(e.into())),
        Command::CheckIdentity { request, .. } => Msg::IdentityChecked {
            request: *request,
            result: Err(e.into()),
        },
        Command::SendCustomerCode { request, .. } => Msg::RegistrationCode {
            request: *request,
            result: Err(e.into()),
        },
        Command::LoadReview { customer_id } => Msg::Review {
            customer_id: customer_id.clone(),
            result: Err(e.into()),
        },
        Command::Copy(_) => Msg::Resolved(vec![]),
        Command::LoadSpecs { request, .. } => Msg::Specs {
            request: *request,
            result: Err(e.into()),
        },
        Command::Rate { request, .. } => Msg::Rated {
            request: *request,
            result: Err(e.into()),
        },
        Command::Quit => Msg::Quit,
    }
}

/// Saves a contract's bill in `dir`.
async fn download_bill(
    c: &Client,
    contract_id: &str,
    dir: &std::path::Path,
) -> Result<String, String> {
    let csv = c
        .contract_bill(contract_id)
        .await
        .map_err(|e| describe(&e))?;
    let safe: String = contract_id
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' {
                ch
            } else {
                '_'
            }
        })
        .collect();
    save(dir, &format!("contract-{safe}-bill"), "csv", &csv)
}

/// Writes a downloaded file into `dir` whole (a partial file, then renamed into place),
/// named after `stem` and the time; returns its path.
fn save(dir: &std::path::Path, stem: &str, ext: &str, text: &str) -> Result<String, String> {
    let (done, _) = pc_core::export::paths(dir, stem, chrono::Utc::now());
    let done = done.with_extension(ext);
    let partial = pc_core::export::partial_of(&done);
    let io = |e: std::io::Error| format!("{}: {e}", done.display());
    std::fs::create_dir_all(dir).map_err(io)?;
    std::fs::write(&partial, text.as_bytes()).map_err(io)?;
    std::fs::rename(&partial, &done).map_err(io)?;
    Ok(done.display().to_string())
}

/// Pages through every row of `query` into `partial`, then renames it to `done`.
#[allow(clippy::too_many_arguments)]
async fn export(
    c: &Client,
    records: &pc_core::exec::Records,
    request: u64,
    query: PageQuery,
    dir: &std::path::Path,
    done: &std::path::Path,
    partial: &std::path::Path,
    progress: &UnboundedSender<Msg>,
) -> Result<(String, usize), String> {
    use pc_core::export::{EXPORT_PAGE, append, header, rows};
    let io = |e: std::io::Error| format!("{}: {e}", partial.display());
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut file = std::fs::File::create(partial).map_err(io)?;
    // A UTF-8 byte order mark: spreadsheets then read the Chinese names right.
    std::io::Write::write_all(&mut file, "\u{feff}".as_bytes()).map_err(io)?;
    append(&mut file, &[header(&query)]).map_err(io)?;
    // Rows a shifted page repeats (a new order arrived meanwhile) are written once, by
    // their id (the first column). The audit log is a local file read whole: no shift.
    let dedupe = !matches!(query, PageQuery::History(_));
    let mut seen = std::collections::HashSet::new();
    let (mut offset, mut written) = (0i64, 0usize);
    loop {
        let (total, page) = load_page(c, records, query.clone(), offset, EXPORT_PAGE)
            .await
            .map_err(|e| describe(&e))?;
        let lines: Vec<Vec<String>> = rows(&page);
        let fetched = lines.len() as i64;
        let fresh: Vec<Vec<String>> = lines
            .into_iter()
            .filter(|l| !dedupe || seen.insert(l.first().cloned().unwrap_or_default()))
            .collect();
        append(&mut file, &fresh).map_err(io)?;
        written += fresh.len();
        offset += fetched;
        let _ = progress.send(Msg::ExportProgress {
            request,
            rows: written,
            total,
        });
        if fetched == 0 || offset >= total {
            break;
        }
    }
    file.sync_all().map_err(io)?;
    std::fs::rename(partial, done).map_err(io)?;
    Ok((done.display().to_string(), written))
}
