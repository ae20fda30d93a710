//! The worker: owns the client and answers each [`Command`] with a tagged [`Msg`] over a
//! channel, so the UI never waits on the network. A new request for the same slot (a
//! pane's list, the detail view, the balances) aborts the one in flight: reloads
//! coalesce to the latest.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::task::JoinHandle;

use crate::app::{Command, DetailQuery, Msg, PageQuery, Pane};
use pc_api::partner_center::{ChallengeReq, Verification};
use pc_api::*;
use pc_client::Client;
use pc_core::exec::Records;
use pc_core::format::describe;
use pc_core::ops::Operation;
use pc_core::pricing::Rating;
use pc_core::pricing::rate;
use pc_core::query::{PageData, load_detail, load_page};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Slot {
    Page(Pane),
    Detail,
    Balances,
    Capabilities,
    Verification,
    Pricing,
    /// Each read of names runs to its end: none replaces another.
    Names(u64),
    /// So does each read of the Spending list's totals.
    Totals(u64),
    /// One read of pending orders' pay-before times at a time: a newer one takes over
    /// what the older had not told.
    Deadlines,
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
    Declined,
    /// Each operation has its own slot: nothing ever aborts a write in flight.
    Operation(String),
}

/// A command's work: the slot it runs in and the future that answers it.
type Job = (Slot, BoxFuture<'static, Msg>);

/// What every job may use: the client, the journal and audit log, the way back.
struct Ctx {
    client: Client,
    records: Arc<Records>,
    out: UnboundedSender<Msg>,
}

impl Ctx {
    /// Where downloads and exports go.
    fn exports_dir(&self) -> PathBuf {
        self.records
            .exports
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("partner-console-exports"))
    }
}

/// The export under way: its request, partial file and final file.
type ExportUnderWay = Option<(u64, PathBuf, PathBuf)>;

/// Runs until a `Command::Quit` or until the command channel closes.
pub async fn run(
    client: Client,
    records: Records,
    mut commands: UnboundedReceiver<Command>,
    out: UnboundedSender<Msg>,
) {
    let ctx = Ctx {
        client,
        records: Arc::new(records),
        out,
    };
    let mut inflight: HashMap<Slot, JoinHandle<()>> = HashMap::new();
    let mut export_under_way: ExportUnderWay = None;
    while let Some(cmd) = commands.recv().await {
        let fallback = internal_error(&cmd);
        let (slot, fut) = match cmd {
            Command::Quit => {
                if let Some((_, partial, _)) = export_under_way.take() {
                    let _ = std::fs::remove_file(partial);
                }
                break;
            }
            Command::CancelExport { request } => {
                cancel_export(&ctx, request, &mut export_under_way, &mut inflight).await;
                continue;
            }
            Command::Export {
                request,
                query,
                pane,
            } => start_export(&ctx, request, query, pane, &mut export_under_way),
            other => match job(&ctx, other) {
                Some(job) => job,
                None => continue,
            },
        };
        if let Some(previous) = inflight.remove(&slot) {
            previous.abort();
        }
        let out = ctx.out.clone();
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

/// The job of every command that is only a call (or a few) answered by one message;
/// none for those `run` handles itself and for `Copy` (the UI loop writes it).
fn job(ctx: &Ctx, cmd: Command) -> Option<Job> {
    let c = ctx.client.clone();
    Some(match cmd {
        Command::LoadPage {
            request,
            offset,
            limit,
            query,
        } => load_page_job(
            c,
            ctx.records.clone(),
            ctx.out.clone(),
            request,
            offset,
            limit,
            query,
        ),
        Command::LoadDetail { request, query } => load_detail_job(c, request, query),
        Command::LoadBalances { request } => load_balances(c, request),
        Command::LoadCapabilities => load_capabilities(c),
        Command::LoadVerification => load_verification(c),
        Command::LoadPricing { request, order_id } => load_pricing(c, request, order_id),
        Command::CheckPayment {
            request,
            orders,
            find,
            method,
        } => check_payment(c, request, orders, find, method),
        Command::ResolveNames {
            request,
            ids,
            listed,
        } => resolve_names(c, ctx.out.clone(), request, ids, listed),
        Command::LoadDeadlines { order_ids } => {
            let out = ctx.out.clone();
            (
                Slot::Deadlines,
                Box::pin(async move {
                    let mut each = |order_id: String, pay_before: Option<String>| {
                        let _ = out.send(Msg::Deadline {
                            order_id,
                            pay_before,
                        });
                    };
                    pc_core::query::deadlines(&c, order_ids.clone(), &mut each).await;
                    Msg::DeadlinesDone { order_ids }
                }),
            )
        }
        Command::LoadTotals {
            request,
            cycle,
            ids,
            reseller,
        } => {
            let out = ctx.out.clone();
            (
                Slot::Totals(request),
                Box::pin(async move {
                    let mut each = |customer_id: String, total: Result<_, _>| {
                        let _ = out.send(Msg::Total {
                            cycle: cycle.clone(),
                            customer_id,
                            total: total.ok(),
                        });
                    };
                    pc_core::spending::totals(
                        &c,
                        ids.clone(),
                        &cycle,
                        reseller.as_deref(),
                        &mut each,
                    )
                    .await;
                    Msg::TotalsDone { cycle, ids }
                }),
            )
        }
        Command::RequestCode {
            request,
            scene,
            channel,
            target,
        } => request_code(
            c,
            ctx.records.clone(),
            request,
            ChallengeReq {
                scene,
                channel,
                target,
            },
        ),
        Command::Execute {
            request_id,
            op,
            verification,
            bss_only,
        } => execute(
            c,
            ctx.records.clone(),
            request_id,
            op,
            verification,
            bss_only,
        ),
        Command::Recheck { request_id, op } => recheck(c, ctx.records.clone(), request_id, op),
        Command::ResolveJournal => resolve_journal(c, ctx.records.clone()),
        Command::LoadDeclined => {
            let audit = ctx.records.audit.clone();
            (
                Slot::Declined,
                Box::pin(async move {
                    let Some(audit) = audit else {
                        return Msg::Declined(vec![]);
                    };
                    // This profile's declines and those of the other profiles here
                    // that use the same backend and AK.
                    let declined = tokio::task::spawn_blocking(move || audit.declined())
                        .await
                        .ok()
                        .and_then(Result::ok)
                        .unwrap_or_default();
                    Msg::Declined(declined)
                }),
            )
        }
        Command::LoadQuotas {
            request,
            of_reseller,
        } => load_quotas(c, request, of_reseller),
        Command::LoadInvitation => load_invitation(c),
        Command::LoadProfile => load_profile(c),
        Command::LoadRecharge => load_recharge(c),
        Command::SendRechargeAccount => send_recharge_account(c),
        Command::DownloadProof => download_proof(c, ctx.exports_dir()),
        Command::LoadAgreements => load_agreements(c),
        Command::DownloadBill {
            request: _,
            contract_id,
        } => download_bill_job(c, contract_id, ctx.exports_dir()),
        Command::LoadAssociation {
            request,
            customer_id,
        } => load_association(c, request, customer_id),
        Command::LoadSwitches => load_switches(c),
        Command::CheckIdentity {
            request,
            kind,
            value,
        } => check_identity(c, request, kind, value),
        Command::SendCustomerCode {
            request,
            phone,
            customer_id,
        } => send_customer_code(c, request, phone, customer_id),
        Command::LoadReview { customer_id } => load_review(c, customer_id),
        Command::LoadSpecs {
            request,
            service_type_code,
        } => load_specs(c, request, service_type_code),
        Command::Rate { request, rating } => rate_job(c, request, rating),
        Command::Quit
        | Command::CancelExport { .. }
        | Command::Copy(_)
        | Command::Export { .. } => {
            return None;
        }
    })
}

/// A slot of its own, never aborted: for writes such as an SMS.
fn write_slot() -> Slot {
    Slot::Operation(uuid::Uuid::new_v4().to_string())
}

fn load_page_job(
    c: Client,
    records: Arc<Records>,
    out: UnboundedSender<Msg>,
    request: u64,
    offset: i64,
    limit: i64,
    query: PageQuery,
) -> Job {
    let slot = Slot::Page(query.pane());
    (
        slot,
        Box::pin(async move {
            let started = Instant::now();
            let result = match query {
                // Gathered across customers: what is found shows as it comes.
                PageQuery::Renewals(q) if offset == 0 => {
                    let mut seen = |progress, rows: &[pc_core::renewals::Renewal]| {
                        let _ = out.send(Msg::RenewalsRead {
                            request,
                            progress,
                            rows: rows.to_vec(),
                        });
                    };
                    pc_core::renewals::gather(&c, &q, chrono::Utc::now(), &mut seen)
                        .await
                        .map(|(_, rows)| (rows.len() as i64, PageData::Renewals(rows)))
                }
                query => load_page(&c, &records, query, offset, limit).await,
            }
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

fn load_detail_job(c: Client, request: u64, query: DetailQuery) -> Job {
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

fn load_balances(c: Client, request: u64) -> Job {
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

fn load_capabilities(c: Client) -> Job {
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

fn load_verification(c: Client) -> Job {
    (
        Slot::Verification,
        Box::pin(async move {
            Msg::Verification(c.verification_setting().await.map_err(|e| describe(&e)))
        }),
    )
}

fn load_pricing(c: Client, request: u64, order_id: String) -> Job {
    (
        Slot::Pricing,
        Box::pin(async move {
            let result = c.order_pricing(&order_id).await.map_err(|e| describe(&e));
            Msg::Pricing { request, result }
        }),
    )
}

/// Reads names, each call's as it comes; the last message says which could not be read.
fn resolve_names(
    c: Client,
    out: UnboundedSender<Msg>,
    request: u64,
    ids: Vec<String>,
    listed: bool,
) -> Job {
    (
        Slot::Names(request),
        Box::pin(async move {
            let mut read: std::collections::HashSet<String> = Default::default();
            let mut listed_now = false;
            let mut each = |r: pc_core::query::NamesRead| {
                read.extend(r.found.iter().map(|(id, _)| id.clone()));
                listed_now |= r.listed;
                let _ = out.send(Msg::Names {
                    found: r.found,
                    listed: r.listed,
                    unread: vec![],
                });
            };
            pc_core::query::customer_names(&c, ids.clone(), listed, &mut each).await;
            Msg::Names {
                found: vec![],
                listed: listed_now,
                unread: ids.into_iter().filter(|id| !read.contains(id)).collect(),
            }
        }),
    )
}

fn check_payment(
    c: Client,
    request: u64,
    mut orders: Vec<pc_core::ops::OrderToPay>,
    find: Vec<String>,
    method: pc_api::partner_center::PayMethod,
) -> Job {
    (
        Slot::Pricing,
        Box::pin(async move {
            let mut missing = vec![];
            for id in find {
                match pc_core::query::find_order(&c, &id).await {
                    Ok(Some(o)) => orders.push(pc_core::ops::to_pay(&o)),
                    Ok(None) => missing.push((id, None)),
                    Err(e) => missing.push((id, Some(describe(&e)))),
                }
            }
            let (orders, error) = match pc_core::query::with_times(&c, orders.clone()).await {
                Ok(checked) => (checked, None),
                Err(e) => (orders, Some(describe(&e))),
            };
            let checked = crate::app::modal::Checked {
                error,
                missing,
                agreement: pc_core::query::has_payment_agreement(&c).await,
            };
            Msg::PaymentChecked {
                request,
                orders,
                method,
                checked,
            }
        }),
    )
}

fn request_code(c: Client, records: Arc<Records>, request: u64, req: ChallengeReq) -> Job {
    (
        Slot::Code,
        Box::pin(async move {
            // No code is spent on an operation the journal could not take.
            if let Err(message) = pc_core::exec::journal_ready(&records) {
                return Msg::Challenge {
                    request,
                    result: Err(pc_core::outcome::Failure {
                        code: None,
                        message,
                        kind: pc_core::outcome::FailureKind::Local,
                    }),
                };
            }
            let result = c
                .request_code(&req)
                .await
                .map_err(|e| pc_core::exec::failure(&e));
            Msg::Challenge { request, result }
        }),
    )
}

fn execute(
    c: Client,
    records: Arc<Records>,
    request_id: String,
    op: Operation,
    verification: Option<Verification>,
    bss_only: bool,
) -> Job {
    (
        Slot::Operation(request_id.clone()),
        Box::pin(async move {
            let done =
                pc_core::exec::execute(&c, &records, &request_id, &op, verification, bss_only)
                    .await;
            Msg::Executed {
                request_id,
                sent_as: Some(done.sent_as),
                outcome: done.outcome,
            }
        }),
    )
}

fn recheck(c: Client, records: Arc<Records>, request_id: String, op: Operation) -> Job {
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

fn resolve_journal(c: Client, records: Arc<Records>) -> Job {
    (
        Slot::Resolve,
        Box::pin(async move { Msg::Resolved(pc_core::exec::resolve_journal(&c, &records).await) }),
    )
}

/// A reseller's quotas read to take them back: far more than one ever holds.
const QUOTAS_READ: usize = 1_000;

fn load_quotas(c: Client, request: u64, of_reseller: Option<String>) -> Job {
    (
        Slot::Quotas,
        Box::pin(async move {
            let result = match of_reseller {
                None => {
                    let req = CouponQuotasReq {
                        limit: Some(100),
                        ..Default::default()
                    };
                    c.list_quota_coupons(&req).await.map(|r| r.quotas)
                }
                Some(id) => pc_core::query::issued_quotas(&c, Some(&id), None, QUOTAS_READ)
                    .await
                    .map(|quotas| quotas.into_iter().map(pc_api::CouponQuota::from).collect()),
            };
            let result = result.map_err(|e| describe(&e));
            Msg::Quotas { request, result }
        }),
    )
}

fn load_invitation(c: Client) -> Job {
    (
        Slot::Invitation,
        Box::pin(async move { Msg::Invitation(c.invitation().await.map_err(|e| describe(&e))) }),
    )
}

fn load_profile(c: Client) -> Job {
    (
        Slot::Profile,
        Box::pin(async move { Msg::Profile(c.profile().await.map_err(|e| describe(&e))) }),
    )
}

fn load_recharge(c: Client) -> Job {
    (
        Slot::Recharge,
        Box::pin(
            async move { Msg::Recharge(c.recharge_account().await.map_err(|e| describe(&e))) },
        ),
    )
}

fn send_recharge_account(c: Client) -> Job {
    (
        write_slot(),
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

fn download_proof(c: Client, dir: PathBuf) -> Job {
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

fn load_agreements(c: Client) -> Job {
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

fn download_bill_job(c: Client, contract_id: String, dir: PathBuf) -> Job {
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

fn load_association(c: Client, request: u64, customer_id: String) -> Job {
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

fn load_switches(c: Client) -> Job {
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

fn check_identity(c: Client, request: u64, kind: String, value: String) -> Job {
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

fn send_customer_code(c: Client, request: u64, phone: String, customer_id: Option<String>) -> Job {
    (
        write_slot(),
        Box::pin(async move {
            let scene = if customer_id.is_some() {
                pc_api::rules::BANK_CARD_SCENE
            } else {
                29
            };
            // An e-mail is the international site's registration: its codes go there.
            let by_email = phone.contains('@');
            let req = pc_api::SendVerificationCodeReq {
                receiver_type: if by_email { 2 } else { 1 },
                mobile_phone: (!by_email).then(|| phone.clone()),
                email: by_email.then_some(phone),
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

fn load_review(c: Client, customer_id: String) -> Job {
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

fn load_specs(c: Client, request: u64, service_type_code: String) -> Job {
    (
        Slot::Specs,
        Box::pin(async move {
            let result = c.specs(&service_type_code).await.map_err(|e| describe(&e));
            Msg::Specs { request, result }
        }),
    )
}

fn rate_job(c: Client, request: u64, rating: Rating) -> Job {
    (
        Slot::Rate,
        Box::pin(async move {
            let result = rate(&c, rating).await.map_err(|e| describe(&e));
            Msg::Rated { request, result }
        }),
    )
}

/// `e`: every row of the pane's query into a file, with progress; `Esc` cancels it.
fn start_export(
    ctx: &Ctx,
    request: u64,
    query: PageQuery,
    pane: Pane,
    under_way: &mut ExportUnderWay,
) -> Job {
    let c = ctx.client.clone();
    let records = ctx.records.clone();
    let progress = ctx.out.clone();
    let dir = ctx.exports_dir();
    let (done, partial) = pc_core::export::paths(&dir, pane.title(), chrono::Utc::now());
    *under_way = Some((request, partial.clone(), done.clone()));
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

/// Stops the export `request` and removes its partial file; if it finished meanwhile,
/// says where the file is.
async fn cancel_export(
    ctx: &Ctx,
    request: u64,
    under_way: &mut ExportUnderWay,
    inflight: &mut HashMap<Slot, JoinHandle<()>>,
) {
    let Some((r, partial, done)) = under_way.take() else {
        return;
    };
    if r != request {
        *under_way = Some((r, partial, done));
        return;
    }
    if let Some(h) = inflight.remove(&Slot::Export) {
        h.abort();
        let _ = h.await;
    }
    let _ = std::fs::remove_file(&partial);
    // Too late to cancel: say where the finished file is.
    if done.exists() {
        let _ = ctx.out.send(Msg::Notice(Ok(t!(
            "worker.export_finished",
            path = done.display()
        ))));
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
        Command::ResolveNames { ids, .. } => Msg::Names {
            found: vec![],
            listed: false,
            unread: ids.clone(),
        },
        Command::LoadDeadlines { order_ids, .. } => Msg::DeadlinesDone {
            order_ids: order_ids.clone(),
        },
        Command::LoadTotals { cycle, ids, .. } => Msg::TotalsDone {
            cycle: cycle.clone(),
            ids: ids.clone(),
        },
        Command::CheckPayment {
            request,
            orders,
            find,
            method,
        } => Msg::PaymentChecked {
            request: *request,
            orders: orders.clone(),
            method: *method,
            checked: crate::app::modal::Checked {
                error: Some(e.into()),
                missing: find.iter().map(|id| (id.clone(), Some(e.into()))).collect(),
                agreement: None,
            },
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
        Command::LoadDeclined => Msg::Declined(vec![]),
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
        Command::LoadQuotas { request, .. } => Msg::Quotas {
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
    pc_core::files::write_private(&partial, text.as_bytes()).map_err(io)?;
    std::fs::rename(&partial, &done).map_err(io)?;
    Ok(done.display().to_string())
}

/// The most rows one export writes: a backend claiming endless rows stops there.
const EXPORT_ROWS_CAP: usize = 1_000_000;

/// Pages through every row of `query` into `partial`, then renames it to `done`.
#[allow(clippy::too_many_arguments)]
async fn export(
    c: &Client,
    records: &Records,
    request: u64,
    query: PageQuery,
    dir: &std::path::Path,
    done: &std::path::Path,
    partial: &std::path::Path,
    progress: &UnboundedSender<Msg>,
) -> Result<(String, usize), String> {
    use pc_core::export::{EXPORT_PAGE, append, csv_header, csv_rows};
    let io = |e: std::io::Error| format!("{}: {e}", partial.display());
    pc_core::files::private_dir(dir).map_err(io)?;
    let mut file = pc_core::files::create_private(partial).map_err(io)?;
    // A UTF-8 byte order mark: spreadsheets then read the Chinese names right.
    std::io::Write::write_all(&mut file, "\u{feff}".as_bytes()).map_err(io)?;
    append(&mut file, &[csv_header(&query)]).map_err(io)?;
    // The orders' customers by name, read as the pages come (and kept for the next).
    let mut names: HashMap<String, String> = HashMap::new();
    let mut listed = false;
    // Rows a shifted page repeats (a new order arrived meanwhile) are written once, by
    // their id (the first column). The audit log is a local file read whole: no shift.
    let dedupe = !matches!(query, PageQuery::History(_));
    let mut seen = std::collections::HashSet::new();
    let (mut offset, mut written) = (0i64, 0usize);
    loop {
        let (total, page) = load_page(c, records, query.clone(), offset, EXPORT_PAGE)
            .await
            .map_err(|e| describe(&e))?;
        {
            let mut ids = page.customer_ids();
            ids.retain(|id| !names.contains_key(id));
            if !ids.is_empty() {
                pc_core::query::customer_names(c, ids, listed, &mut |r| {
                    listed |= r.listed;
                    for (id, name) in r.found {
                        names.insert(id, name.unwrap_or_default());
                    }
                })
                .await;
            }
        }
        let lines: Vec<Vec<String>> = csv_rows(&page, &names);
        let fetched = lines.len() as i64;
        let fresh: Vec<Vec<String>> = lines
            .into_iter()
            .filter(|l| !dedupe || seen.insert(l.first().cloned().unwrap_or_default()))
            .collect();
        if fresh.is_empty() && fetched > 0 && dedupe {
            // A backend that sends the same page again would never end.
            return Err(t!("script.all_stalled", rows = written, offset = offset));
        }
        append(&mut file, &fresh).map_err(io)?;
        written += fresh.len();
        offset += fetched;
        if written >= EXPORT_ROWS_CAP {
            return Err(t!(
                "script.all_capped",
                rows = written,
                offset = offset,
                total = total
            ));
        }
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
