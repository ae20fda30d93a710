//! Customer real-name authentication (docs/bss-api.md §10): an individual by identity
//! document or by personal bank card (with a scene-18 code sent to the phone reserved at
//! the bank), or an enterprise by organisation document. A bank card is decided at once;
//! documents go to manual review, decided later (admin call or `--live`). Only the
//! partner's own customers, and never one already verified or under review; the
//! customer's `verified_status` follows.
//!
//! The format rules are public: the console checks the same ones before sending.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::own_customer;
use super::sms_codes::{check_code, spend_code};
use super::{ApiError, Caller, send_message};
use pc_api::error::codes;
use pc_api::rules::{
    BANK_CARD_SCENE, BY_BANK_CARD, BY_DOCUMENT, BY_ORGANISATION, CERTIFICATE_TYPES, DOCUMENT_TYPES,
    LEGAL_PERSON, STATUS_REJECTED, STATUS_REVIEW, STATUS_VERIFIED, document_name, status_name,
    valid_bank_account, valid_cn_mobile, valid_credit_code, valid_document_number, valid_file_name,
    valid_real_name, valid_resident_id,
};
use pc_api::{
    EnterpriseRealnameAuthReq, PersonalRealnameAuthReq, RealnameAuthResp, RealnameReviewResp,
};

fn param(msg: impl Into<String>) -> ApiError {
    ApiError::param(msg)
}

fn check_files(files: &[String], want: usize, what: &str) -> Result<(), ApiError> {
    if files.len() != want {
        return Err(param(format!(
            "verified_file_url must name {want} uploaded image(s) for {what}, got {}.",
            files.len()
        )));
    }
    if let Some(bad) = files.iter().find(|f| !valid_file_name(f)) {
        return Err(param(format!(
            "verified_file_url {bad:?} is not an uploaded image name (jpg, jpeg, bmp, png, gif or pdf)."
        )));
    }
    Ok(())
}

fn check_common(xaccount_type: &str, platform_id: &str) -> Result<(), ApiError> {
    if xaccount_type != platform_id {
        return Err(ApiError::bad(
            "CBC.99000004",
            format!("xaccount_type {xaccount_type:?} is not your platform id."),
        ));
    }
    Ok(())
}

/// The shape of a personal submission, before anything is looked up.
pub fn check_personal(
    req: &PersonalRealnameAuthReq,
    platform_id: &str,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    check_common(&req.xaccount_type, platform_id)?;
    if req.change_type.is_some_and(|c| c != -1) {
        return Err(param(
            "change_type must be -1 (first authentication): a verified real name is changed in the customer's own account centre.",
        ));
    }
    if !valid_real_name(&req.name) {
        return Err(param(
            "name must be 2 to 64 characters with at least one letter.",
        ));
    }
    match req.identify_type {
        BY_DOCUMENT => {
            let kind = req.verified_type.ok_or_else(|| {
                param("verified_type is required with identify_type 0 (3, 5, 6, 9 or 10).")
            })?;
            if !DOCUMENT_TYPES.iter().any(|(t, _)| *t == kind) {
                return Err(param(format!(
                    "verified_type must be 3, 5, 6, 9 or 10, got {kind}."
                )));
            }
            if !valid_document_number(kind, &req.verified_number, today) {
                return Err(param(format!(
                    "verified_number is not a valid {} number.",
                    document_name(kind)
                )));
            }
            if req.bank_card_info.is_some() {
                return Err(param("bank_card_info goes with identify_type 4 only."));
            }
            check_files(
                req.verified_file_url.as_deref().unwrap_or_default(),
                3,
                "a personal document",
            )
        }
        BY_BANK_CARD => {
            if req.verified_type.is_some() {
                return Err(param("verified_type goes with identify_type 0 only."));
            }
            if !valid_resident_id(&req.verified_number, today) {
                return Err(param(
                    "verified_number must be an 18-character mainland resident ID number.",
                ));
            }
            let card = req
                .bank_card_info
                .as_ref()
                .ok_or_else(|| param("bank_card_info is required with identify_type 4."))?;
            if !valid_bank_account(&card.bank_account) {
                return Err(param("bank_account must be 12 to 19 digits."));
            }
            if card.areacode != "0086" {
                return Err(param("areacode must be 0086."));
            }
            if !valid_cn_mobile(&card.mobile) {
                return Err(ApiError::bad(
                    codes::BAD_PHONE,
                    "The phone reserved at the bank is not a mainland mobile number.",
                ));
            }
            if card.verification_code.len() != 6
                || !card.verification_code.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(param(
                    "verification_code must be the 6 digits sent to the bank-reserved phone (scene 18).",
                ));
            }
            match req.verified_file_url.as_deref() {
                None | Some([]) => Ok(()),
                Some(files) => check_files(files, 1, "a bank card (the face photo)"),
            }
        }
        other => Err(param(format!(
            "identify_type must be 0 (identity document) or 4 (bank card), got {other}."
        ))),
    }
}

/// The shape of an enterprise submission.
pub fn check_enterprise(
    req: &EnterpriseRealnameAuthReq,
    platform_id: &str,
    today: chrono::NaiveDate,
) -> Result<(), ApiError> {
    check_common(&req.xaccount_type, platform_id)?;
    if req.identify_type != BY_ORGANISATION {
        return Err(param(format!(
            "identify_type must be 1 (organisation document), got {}.",
            req.identify_type
        )));
    }
    let kind = req.certificate_type.unwrap_or(0);
    if !CERTIFICATE_TYPES.iter().any(|(t, _)| *t == kind) {
        return Err(param(format!(
            "certificate_type must be 0, 1, 2, 3, 4 or 99, got {kind}."
        )));
    }
    if !valid_real_name(&req.corp_name) {
        return Err(param(
            "corp_name must be 2 to 64 characters with at least one letter.",
        ));
    }
    let number_ok = if kind == 0 {
        valid_credit_code(&req.verified_number)
    } else {
        (4..=64).contains(&req.verified_number.len())
            && req
                .verified_number
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if !number_ok {
        return Err(param(if kind == 0 {
            "verified_number must be the 18-character unified social credit code of the licence."
        } else {
            "verified_number must be 4 to 64 letters, digits or '-'."
        }));
    }
    if let Some(c) = req.reg_country.as_deref()
        && !(c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(param(
            "reg_country must be a two-letter country code such as CN.",
        ));
    }
    if req
        .reg_address
        .as_deref()
        .is_some_and(|a| a.chars().count() > 256)
    {
        return Err(param("reg_address must be at most 256 characters."));
    }
    // The licence, then the legal representative's ID (portrait and emblem sides).
    let files = match &req.enterprise_person {
        None => 1,
        Some(p) => {
            if !valid_real_name(&p.legel_name) {
                return Err(param(
                    "enterprise_person.legel_name must be 2 to 64 characters with a letter.",
                ));
            }
            if !valid_resident_id(&p.legel_id_number, today) {
                return Err(param(
                    "enterprise_person.legel_id_number must be an 18-character mainland resident ID number.",
                ));
            }
            if p.certifier_role
                .as_deref()
                .is_some_and(|r| r != LEGAL_PERSON)
            {
                return Err(param(
                    "enterprise_person.certifier_role must be legalPerson.",
                ));
            }
            3
        }
    };
    check_files(
        &req.verified_file_url,
        files,
        if files == 1 {
            "the licence"
        } else {
            "the licence and the representative's ID (two sides)"
        },
    )
}

/// The customer is the caller's, and neither verified nor under review.
pub fn eligible(conn: &Connection, caller: &Caller, customer_id: &str) -> Result<String, ApiError> {
    let c = own_customer(conn, &caller.partner_id, customer_id)?;
    let status: String = conn.query_row(
        "SELECT verified_status FROM customers WHERE id = ?1",
        params![customer_id],
        |r| r.get(0),
    )?;
    match status.as_str() {
        STATUS_VERIFIED => Err(ApiError::bad(
            codes::REALNAME_VERIFIED,
            format!(
                "{} has already passed real-name authentication.",
                c.account_name
            ),
        )),
        STATUS_REVIEW => Err(ApiError::bad(
            codes::REALNAME_UNDER_REVIEW,
            format!(
                "A real-name submission of {} is under review: wait for the decision.",
                c.account_name
            ),
        )),
        _ => Ok(c.account_name),
    }
}

/// Before the transaction of a bank-card submission: everything that can be refused
/// without spending the code, then the code itself (a wrong entry is counted).
pub fn check_bank_code(
    conn: &Connection,
    caller: &Caller,
    req: &PersonalRealnameAuthReq,
    platform_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    check_personal(req, platform_id, now.date_naive())?;
    eligible(conn, caller, &req.customer_id)?;
    bank_code(conn, caller, req, now).map(|_| ())
}

/// Checks a bank card's code (bound to partner, phone, scene 18 and customer); its row
/// id, or `None` without a card.
fn bank_code(
    conn: &Connection,
    caller: &Caller,
    req: &PersonalRealnameAuthReq,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ApiError> {
    req.bank_card_info
        .as_ref()
        .map(|card| {
            check_code(
                conn,
                &caller.partner_id,
                &card.mobile,
                BANK_CARD_SCENE,
                Some(&req.customer_id),
                &card.verification_code,
                now,
            )
        })
        .transpose()
}

/// create_personal_realname_auth, inside the transaction.
pub fn personal(
    tx: &Connection,
    caller: &Caller,
    req: &PersonalRealnameAuthReq,
    platform_id: &str,
    now: DateTime<Utc>,
) -> Result<RealnameAuthResp, ApiError> {
    check_personal(req, platform_id, now.date_naive())?;
    eligible(tx, caller, &req.customer_id)?;
    let status = if let Some(id) = bank_code(tx, caller, req, now)? {
        spend_code(tx, id)?;
        // The bank confirms name, ID number, card and phone belong together at once.
        STATUS_VERIFIED
    } else {
        STATUS_REVIEW
    };
    submit(tx, &req.customer_id, &req.name, 0, status, now)
}

/// create_enterprise_realname_authentication, inside the transaction.
pub fn enterprise(
    tx: &Connection,
    caller: &Caller,
    req: &EnterpriseRealnameAuthReq,
    platform_id: &str,
    now: DateTime<Utc>,
) -> Result<RealnameAuthResp, ApiError> {
    check_enterprise(req, platform_id, now.date_naive())?;
    eligible(tx, caller, &req.customer_id)?;
    submit(tx, &req.customer_id, &req.corp_name, 1, STATUS_REVIEW, now)
}

fn submit(
    tx: &Connection,
    customer_id: &str,
    name: &str,
    customer_type: i32,
    status: &str,
    now: DateTime<Utc>,
) -> Result<RealnameAuthResp, ApiError> {
    tx.execute(
        "UPDATE customers SET real_name = ?2, customer_type = ?3, verified_status = ?4,
             review_opinion = NULL, realname_submitted_at = ?5 WHERE id = ?1",
        params![
            customer_id,
            name,
            customer_type,
            status,
            super::fmt_time(now)
        ],
    )?;
    Ok(RealnameAuthResp {
        is_review: Some(if status == STATUS_REVIEW { 1 } else { 0 }),
    })
}

/// show_realname_authentication_review_result.
pub fn review_result(
    conn: &Connection,
    caller: &Caller,
    customer_id: &str,
) -> Result<RealnameReviewResp, ApiError> {
    if customer_id.is_empty() || customer_id.len() > 64 {
        return Err(param("customer_id must be 1 to 64 characters."));
    }
    let c = own_customer(conn, &caller.partner_id, customer_id)?;
    let (status, opinion): (String, Option<String>) = conn.query_row(
        "SELECT verified_status, review_opinion FROM customers WHERE id = ?1",
        params![customer_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let result = match status.as_str() {
        STATUS_REVIEW => 0,
        STATUS_REJECTED => 1,
        STATUS_VERIFIED => 2,
        _ => {
            return Err(ApiError::bad(
                codes::REALNAME_NOT_SUBMITTED,
                format!(
                    "{} has not submitted a real-name authentication.",
                    c.account_name
                ),
            ));
        }
    };
    Ok(RealnameReviewResp {
        review_result: Some(result),
        opinion,
    })
}

/// The reviewer's decision on a submission under review (admin call, `--live`). The
/// partner is told by e-mail.
pub fn decide(
    conn: &Connection,
    customer_id: &str,
    approve: bool,
    opinion: Option<&str>,
    now: DateTime<Utc>,
) -> Result<RealnameReviewResp, ApiError> {
    let row: Option<(String, String, String)> =
        rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT partner_id, account_name, verified_status FROM customers WHERE id = ?1",
            params![customer_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        ))?;
    let Some((partner, name, status)) = row else {
        return Err(ApiError::not_found(format!("no customer {customer_id}")));
    };
    if status != STATUS_REVIEW {
        return Err(ApiError::bad(
            codes::REALNAME_DECIDED,
            format!(
                "{name} has no submission under review (it is {}).",
                status_name(&status)
            ),
        ));
    }
    let opinion = opinion
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(str::to_string)
        .or_else(|| (!approve).then(|| "The documents could not be verified.".to_string()));
    if opinion.as_ref().is_some_and(|o| o.chars().count() > 500) {
        return Err(param("opinion must be at most 500 characters."));
    }
    let new = if approve {
        STATUS_VERIFIED
    } else {
        STATUS_REJECTED
    };
    conn.execute(
        "UPDATE customers SET verified_status = ?2, review_opinion = ?3 WHERE id = ?1",
        params![customer_id, new, opinion],
    )?;
    let email: Option<String> = conn.query_row(
        "SELECT email FROM partners WHERE id = ?1",
        params![partner],
        |r| r.get(0),
    )?;
    if let Some(email) = email {
        let body = format!(
            "The real-name authentication of your customer {name} was {}{}.",
            if approve { "approved" } else { "rejected" },
            opinion
                .as_deref()
                .map(|o| format!(": {o}"))
                .unwrap_or_default()
        );
        send_message(conn, Some(&partner), "email", &email, &body, now)?;
    }
    Ok(RealnameReviewResp {
        review_result: Some(if approve { 2 } else { 1 }),
        opinion,
    })
}

/// Submissions made through the API and waiting for a decision, oldest first (for
/// `--live`; the seeded ones wait for the admin call).
pub fn under_review(conn: &Connection, limit: usize) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare(
        "SELECT id FROM customers WHERE verified_status = '0' AND realname_submitted_at IS NOT NULL
         ORDER BY realname_submitted_at, id LIMIT ?1",
    )?;
    let ids = stmt
        .query_map(params![limit as i64], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}
