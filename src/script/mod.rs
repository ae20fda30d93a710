//! Script commands (`partner-console orders list …`): the same client, query rules and
//! messages as the UI, for pipelines. `--json` prints stable JSON on stdout (the BSS
//! field names, documented in README.md); otherwise a table for people. Errors go to
//! stderr, and the exit code says what kind of failure it was ([`Exit`]).

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::api::{CustomerOrder, CustomerOrdersQuery};
use crate::app::filter::{order_status, status_name};
use crate::client::{Client, ClientError};
use crate::ui::format::money;

/// Exit codes, by kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    /// Something unexpected (a bug, stdout closed).
    Internal = 1,
    /// Bad arguments or configuration: nothing was sent.
    Usage = 2,
    /// The backend refused the credentials or the signature (AK/SK, clock).
    Auth = 3,
    /// The backend refused the request (a CBC error: a rule, a missing object).
    Refused = 4,
    /// The backend could not be reached or failed (connection, timeout, 5xx).
    Unavailable = 5,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The kind of failure of a client error.
pub fn exit_for(e: &ClientError) -> Exit {
    match e {
        ClientError::Api {
            status: 401 | 403, ..
        } => Exit::Auth,
        ClientError::Api { status, .. } if *status >= 500 => Exit::Unavailable,
        ClientError::Api { .. } => Exit::Refused,
        ClientError::Timeout(_) | ClientError::Connect(_) | ClientError::Transport(_) => {
            Exit::Unavailable
        }
        ClientError::Decode { .. } => Exit::Unavailable,
        ClientError::Endpoint(_) | ClientError::InvalidInput(_) => Exit::Usage,
    }
}

#[derive(Debug, Subcommand)]
pub enum OrdersCmd {
    /// List customer orders, newest first (one page, or every page with --all).
    List(OrdersList),
    /// One order.
    Show {
        order_id: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct OrdersList {
    /// Status: a name (pending, completed, …) or its code.
    #[arg(long)]
    pub status: Option<String>,
    /// Only this customer's orders.
    #[arg(long)]
    pub customer: Option<String>,
    /// Orders per page (1–100).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub limit: i64,
    /// Orders to skip.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(i64).range(0..))]
    pub offset: i64,
    /// Every page from --offset on, not just one.
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `orders list --json`: `{"total_count": n, "orders": [order, …]}`, each order with
/// the fields of BSS `list_customer_orders`' `order_infos`.
#[derive(Debug, Serialize)]
pub struct OrdersOut<'a> {
    pub total_count: i64,
    pub orders: &'a [CustomerOrder],
}

fn fail(e: &ClientError) -> Exit {
    eprintln!("partner-console: {}", crate::worker::describe(e));
    exit_for(e)
}

fn print(out: &str) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
        Ok(()) => Exit::Ok,
        // A closed pipe (`| head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            eprintln!("partner-console: cannot write the output: {e}");
            Exit::Internal
        }
    }
}

fn to_json<T: Serialize>(v: &T) -> Result<String, Exit> {
    serde_json::to_string_pretty(v).map_err(|e| {
        eprintln!("partner-console: cannot encode the output: {e}");
        Exit::Internal
    })
}

/// Runs an `orders` command; the exit code.
pub async fn orders(c: &Client, cmd: &OrdersCmd) -> Exit {
    match cmd {
        OrdersCmd::List(args) => orders_list(c, args).await,
        OrdersCmd::Show { order_id, json } => {
            let q = CustomerOrdersQuery {
                order_id: Some(order_id.clone()),
                limit: Some(1),
                ..Default::default()
            };
            match c.list_customer_orders(&q).await {
                Ok(r) => match r.order_infos.first() {
                    Some(o) if *json => to_json(o).map_or_else(|e| e, |s| print(&s)),
                    Some(o) => print(&table(std::slice::from_ref(o), 1)),
                    None => {
                        eprintln!("partner-console: no order {order_id}");
                        Exit::Refused
                    }
                },
                Err(e) => fail(&e),
            }
        }
    }
}

async fn orders_list(c: &Client, args: &OrdersList) -> Exit {
    let status = match args.status.as_deref().map(order_status).transpose() {
        Ok(s) => s,
        Err(message) => {
            eprintln!("partner-console: {message}");
            return Exit::Usage;
        }
    };
    let mut q = CustomerOrdersQuery {
        status,
        customer_id: args.customer.clone(),
        limit: Some(args.limit),
        offset: Some(args.offset),
        ..Default::default()
    };
    let mut orders = Vec::new();
    let total = loop {
        match c.list_customer_orders(&q).await {
            Ok(page) => {
                let got = page.order_infos.len() as i64;
                orders.extend(page.order_infos);
                let next = q.offset.unwrap_or(0) + got;
                if !args.all || got == 0 || next >= page.total_count {
                    break page.total_count;
                }
                q.offset = Some(next);
            }
            Err(e) => return fail(&e),
        }
    };
    if args.json {
        let out = OrdersOut {
            total_count: total,
            orders: &orders,
        };
        return to_json(&out).map_or_else(|e| e, |s| print(&s));
    }
    print(&table(&orders, total))
}

/// A plain table, for people.
fn table(orders: &[CustomerOrder], total: i64) -> String {
    use unicode_width::UnicodeWidthStr;
    let rows: Vec<[String; 6]> = orders
        .iter()
        .map(|o| {
            [
                o.order_id.clone(),
                o.customer_id.clone(),
                o.service_type_name.clone(),
                status_name(o.status).to_string(),
                money(o.amount_after_discount),
                o.create_time.clone(),
            ]
        })
        .collect();
    let head = [
        "ORDER", "CUSTOMER", "SERVICE", "STATUS", "AMOUNT", "CREATED",
    ];
    let mut widths = head.map(|h| h.width());
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: &[String; 6]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w - cell.width());
            // Amounts align right.
            if i == 4 {
                s.push_str(&format!("{pad}{cell}  "));
            } else {
                s.push_str(&format!("{cell}{pad}  "));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(&head.map(String::from))];
    out.extend(rows.iter().map(line));
    out.push(format!("{} of {total} orders", orders.len()));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_exit_by_kind() {
        let api = |status: u16, code: &str| ClientError::Api {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: None,
        };
        assert_eq!(exit_for(&api(401, "APIGW.0301")), Exit::Auth);
        assert_eq!(exit_for(&api(400, "CBC.0100")), Exit::Refused);
        assert_eq!(exit_for(&api(404, "CBC.0101")), Exit::Refused);
        assert_eq!(exit_for(&api(503, "503")), Exit::Unavailable);
        assert_eq!(
            exit_for(&ClientError::Connect("refused".into())),
            Exit::Unavailable
        );
        assert_eq!(exit_for(&ClientError::Endpoint("x".into())), Exit::Usage);
    }
}
