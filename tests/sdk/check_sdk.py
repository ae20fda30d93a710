#!/usr/bin/env python3
"""Drive the OFFICIAL Huawei Cloud Python SDK (huaweicloudsdkbss) against the mock.

Checks that every BSS partner operation the console relies on can be called through
the real SDK (so the mock's paths, field placement, signing verification, status codes
and JSON shapes match), and that the responses make sense.

Beyond what the SDK itself enforces (it silently ignores unknown fields and coerces
numbers to strings), every response's raw JSON is compared against the SDK model
(`openapi_types` / `attribute_map`): unknown field names, wrong JSON types, missing
required fields and badly formatted UTC times are reported as failures.

The clients are built as for Huawei's gateway: `GlobalCredentials(ak, sk, domain_id)` with
`--domain-id`, otherwise `GlobalCredentials(ak, sk)` and the SDK asks IAM for the account
(`GET /v3/auth/domains`) before its first call. IAM is the mock too: the script sets
HUAWEICLOUD_SDK_IAM_ENDPOINT (and HUAWEICLOUD_SDK_STS_ENDPOINT, the SDK's fallback) to
`--endpoint` unless they are already set, so nothing goes to Huawei.

Output: one line per check, `OK name` or `FAIL name: reason`; exit status 1 on any failure.

Usage: python check_sdk.py --endpoint http://127.0.0.1:18181 [--ak AK --sk SK] [--domain-id ID]
       [--gov-ak AK --gov-sk SK] [--gov-domain-id ID] [--admin-token TOKEN]
       [--allow-extra-fields] [--verbose]
"""

import argparse
import datetime
import decimal
import functools
import json
import os
import re
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
import warnings

try:
    import requests  # the SDK's own HTTP library
    from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
    from huaweicloudsdkcore.auth.internal import IamHelper
    from huaweicloudsdkcore.exceptions import exceptions as sdk_exc
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkcore.region.region import Region
    from huaweicloudsdkcore.sdk_request import SdkRequest
    from huaweicloudsdkbss.v2 import BssClient
    from huaweicloudsdkbss.v2 import model as M
except ImportError:  # pragma: no cover
    sys.stderr.write("huaweicloudsdkbss is not installed: python3 -m venv /tmp/sdkvenv && "
                     "/tmp/sdkvenv/bin/pip install huaweicloudsdkbss\n")
    sys.exit(2)

try:  # optional: IAM's own SDK, for keystone_list_projects / keystone_list_auth_domains
    from huaweicloudsdkiam.v3 import IamClient, KeystoneListAuthDomainsRequest, KeystoneListProjectsRequest
except ImportError:
    IamClient = None

D = decimal.Decimal

DIST_AK = "DEMODISTRIBUTORAK001"
DIST_SK = "demo-distributor-sk-0000000000000000000001"
GOV_AK = "DEMOGOVERNMENTAK0001"
GOV_SK = "demo-government-sk-0000000000000000000001"
XACCOUNT_TYPE = "partner_console_demo"
DEMO_ORDER = "CS-DEMO-OK-1"
TRANSFER_AMOUNT = D("1.23")
COUPON_FACE_VALUE = D("10.00")
# Real-name authentication (bss-api.md §10): values the mock's format rules accept.
BANK_PHONE = "13912345678"
BANK_ACCOUNT = "6222020200112233445"
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
# BSS's one region in the SDK (BssRegion); the clients use it with the mock's endpoint.
SDK_REGION = "cn-north-1"
USER_AGENT = "partner-console-sdk-check"
THROTTLE_RETRIES = 5

UTC_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class CheckFailed(Exception):
    pass


def fail(msg):
    raise CheckFailed(msg)


def expect(cond, msg):
    if not cond:
        fail(msg)


# --------------------------------------------------------------------------------------
# Strict comparison of the raw JSON with the SDK model
# --------------------------------------------------------------------------------------

def _required_attrs(klass):
    """Attributes the SDK model marks as required (assigned unconditionally in __init__)."""
    import inspect
    try:
        src = inspect.getsource(klass.__init__)
    except (OSError, TypeError):
        return set()
    req = set()
    for attr in klass.openapi_types:
        if re.search(r"\n\s+self\.%s = %s\n" % (attr, attr), src) and \
                not re.search(r"if %s is not None:\s*\n\s+self\.%s = %s" % (attr, attr, attr), src):
            req.add(attr)
    return req


def _json_type_ok(value, decl):
    if decl == "str":
        return isinstance(value, str)
    if decl in ("int", "long"):
        return isinstance(value, int) and not isinstance(value, bool)
    if decl in ("float", "decimal.Decimal"):
        return isinstance(value, (int, D, float)) and not isinstance(value, bool)
    if decl == "bool":
        return isinstance(value, bool)
    if decl == "object":
        return True
    return True


def validate_json(data, type_name, path, problems, allow_extra):
    """Compare decoded JSON `data` against the SDK type `type_name`; append problems."""
    if data is None:
        return
    m = re.match(r"^list\[(.*)\]$", type_name)
    if m:
        if not isinstance(data, list):
            problems.append("%s: expected JSON array, got %s" % (path, type(data).__name__))
            return
        for i, item in enumerate(data):
            validate_json(item, m.group(1), "%s[%d]" % (path, i), problems, allow_extra)
        return
    if type_name.startswith("dict("):
        if not isinstance(data, dict):
            problems.append("%s: expected JSON object" % path)
        return
    klass = getattr(M, type_name, None)
    if klass is None:
        if not _json_type_ok(data, type_name):
            problems.append("%s: SDK declares %s but JSON has %s %r"
                            % (path, type_name, type(data).__name__, data))
        elif type_name == "str" and _looks_like_time_field(path) and data and not UTC_RE.match(data):
            problems.append("%s: time %r is not yyyy-MM-ddTHH:mm:ssZ" % (path, data))
        return
    if not isinstance(data, dict):
        problems.append("%s: expected JSON object for %s, got %s" % (path, type_name, type(data).__name__))
        return
    wire_to_attr = {wire: attr for attr, wire in klass.attribute_map.items()}
    for key, value in data.items():
        if key not in wire_to_attr:
            if not allow_extra:
                problems.append("%s.%s: field not in SDK model %s" % (path, key, type_name))
            continue
        attr = wire_to_attr[key]
        validate_json(value, klass.openapi_types[attr], "%s.%s" % (path, key), problems, allow_extra)
    for attr in sorted(_required_attrs(klass)):
        wire = klass.attribute_map[attr]
        if data.get(wire) is None:
            problems.append("%s.%s: required by SDK model %s but missing/null" % (path, wire, type_name))


def _looks_like_time_field(path):
    leaf = path.rsplit(".", 1)[-1].split("[")[0]
    return leaf.endswith("_time") or leaf in ("associated_on",)


# --------------------------------------------------------------------------------------
# Runner
# --------------------------------------------------------------------------------------

class Throttled:
    """A BssClient whose operations wait and try again when the gateway's flow control
    answers 429 (APIGW.0308), so the checks also run against a mock that enforces it."""

    def __init__(self, client, runner):
        self._client = client
        self._runner = runner

    def __getattr__(self, name):
        attr = getattr(self._client, name)
        if name.startswith("_") or not hasattr(type(self._client), name + "_invoker"):
            return attr

        @functools.wraps(attr)
        def call(*a, **kw):
            for attempt in range(THROTTLE_RETRIES + 1):
                try:
                    return attr(*a, **kw)
                except sdk_exc.ClientRequestException as e:
                    if e.status_code != 429 or attempt == THROTTLE_RETRIES:
                        raise
                    # The SDK's exception does not carry Retry-After; the mock's is 1 s.
                    self._runner.throttled += 1
                    time.sleep(1.0)
        return call


class Runner:
    def __init__(self, args):
        self.args = args
        self.failures = 0
        self.throttled = 0  # calls answered 429 and tried again
        self.problems = []  # response-shape problems found by call() during the current check

    def client(self, ak, sk, domain_id=None, security_token=None, region=True, retry_times=0):
        """A BssClient on the mock. With a region and no domain_id the SDK asks IAM for the
        account (GET /v3/auth/domains at HUAWEICLOUD_SDK_IAM_ENDPOINT) while building;
        without a region it makes no IAM call and sends no X-Domain-Id."""
        cfg = HttpConfig.get_default_config()
        cfg.timeout = (5, 60)
        cfg.retry_times = retry_times
        cfg.user_agent = USER_AGENT
        creds = GlobalCredentials(ak, sk, domain_id)
        if security_token:
            creds = creds.with_security_token(security_token)
        builder = BssClient.new_builder().with_http_config(cfg).with_credentials(creds)
        if region:
            builder = builder.with_region(Region(SDK_REGION, self.args.endpoint))
        else:
            builder = builder.with_endpoints([self.args.endpoint])
        return Throttled(builder.build(), self)

    def call(self, fn, request, ok_status=(200,), empty_ok=False):
        """Invoke one SDK operation; check status, SDK warnings and the raw JSON shape."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                resp = fn(request)
            except sdk_exc.SdkException:
                raise
            except ValueError as e:
                fail("SDK could not deserialize the response (%s: %s)" % (type(e).__name__, e))
        sdk_warnings = [w for w in caught
                        if "huaweicloudsdk" in (getattr(w.category, "__module__", "") or "")
                        or "huaweicloudsdk" in (w.filename or "")]
        sdk_warnings = [w for w in sdk_warnings if not issubclass(w.category, DeprecationWarning)]
        if sdk_warnings:
            fail("SDK warning while parsing: %s" % "; ".join(str(w.message) for w in sdk_warnings))
        op = getattr(fn, "__name__", "?")
        if resp.status_code not in ok_status:
            self.problems.append("%s: HTTP %s, expected %s"
                                 % (op, resp.status_code, "/".join(map(str, ok_status))))
        raw = resp.raw_content or b""
        if self.args.verbose:
            sys.stderr.write("  <- %s %s\n" % (resp.status_code, raw[:2000].decode("utf-8", "replace")))
        text = raw.decode("utf-8") if raw else ""
        if not text.strip():
            if not empty_ok:
                self.problems.append("%s: empty response body, but the SDK model has fields" % op)
            return resp
        try:
            data = json.loads(text, parse_float=D)
        except ValueError:
            fail("response body is not JSON: %r" % text[:200])
        expect(isinstance(data, dict), "response body is not a JSON object: %r" % text[:200])
        problems = []
        validate_json(data, type(resp).__name__, "$", problems, self.args.allow_extra_fields)
        # Shape problems do not stop the check (later checks still need the ids it finds);
        # run() reports them once the check function has finished.
        seen = {re.sub(r"(JSON has \w+|time) .*", r"\1", x) for x in self.problems}
        for pr in problems:
            pr = "%s %s" % (op, re.sub(r"\[\d+\]", "[]", pr))
            key = re.sub(r"(JSON has \w+|time) .*", r"\1", pr)
            if key not in seen:
                seen.add(key)
                self.problems.append(pr)
        return resp

    def expect_error(self, fn, request, status, code_prefix):
        try:
            resp = fn(request)
        except sdk_exc.ClientRequestException as e:
            expect(e.status_code == status, "HTTP %s (%s %s), expected %s"
                   % (e.status_code, e.error_code, e.error_msg, status))
            expect(str(e.error_code or "").startswith(code_prefix),
                   "error_code %r (msg %r), expected %s…; the SDK only reads error_code when "
                   "error_msg is also present" % (e.error_code, e.error_msg, code_prefix))
            expect(e.error_msg and e.error_msg != e.error_code, "no error_msg")
            return e
        except sdk_exc.ServerResponseException as e:
            fail("ServerResponseException HTTP %s %s %s, expected ClientRequestException %s"
                 % (e.status_code, e.error_code, e.error_msg, status))
        fail("succeeded with HTTP %s, expected ClientRequestException %s"
             % (getattr(resp, "status_code", "?"), status))

    def run(self, name, fn, *deps):
        """Run one check; deps are (value, description) pairs that must be truthy."""
        for value, what in deps:
            if not value:
                self._report(name, False, "skipped: no %s" % what)
                return None
        self.problems = []
        try:
            result = fn()
            if self.problems:
                more = "" if len(self.problems) <= 6 else " (+%d more)" % (len(self.problems) - 6)
                self._report(name, False, "; ".join(self.problems[:6]) + more)
                return None
            self._report(name, True, result.text if isinstance(result, Note) else None)
            return True
        except CheckFailed as e:
            self._report(name, False, "; ".join([str(e)] + self.problems[:4]))
        except sdk_exc.SdkException as e:
            self._report(name, False, "%s HTTP %s %s: %s (request_id %s)"
                         % (type(e).__name__, getattr(e, "status_code", "?"),
                            getattr(e, "error_code", ""), getattr(e, "error_msg", e),
                            getattr(e, "request_id", None)))
        except Exception as e:  # noqa: BLE001 - report anything, keep going
            detail = "".join(traceback.format_exception_only(type(e), e)).strip()
            if self.args.verbose:
                traceback.print_exc()
            self._report(name, False, "unexpected %s" % detail)
        return None

    def _report(self, name, ok, detail):
        if ok:
            print("OK %s%s" % (name, " (note: %s)" % detail if detail else ""), flush=True)
        else:
            self.failures += 1
            print("FAIL %s: %s" % (name, detail), flush=True)


class Note:
    def __init__(self, text):
        self.text = text


def utc(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def rand_hex(n):
    return uuid.uuid4().hex[:n]


def amount_of(value):
    return D(str(value)) if value is not None else None


# --------------------------------------------------------------------------------------
# Requests signed by the SDK's signer but sent without its client (raw status, headers, body)
# --------------------------------------------------------------------------------------

def send_signed(creds, req):
    """Sign `req` (an SdkRequest) with `creds` as the SDK does, send it; the requests.Response."""
    creds.sign_request(req)
    return requests.request(req.method, req.url, headers=req.header_params, data=req.body,
                            timeout=(5, 60), allow_redirects=False)


def signed_get(base, creds, path, query=()):
    u = urllib.parse.urlparse(base)
    return send_signed(creds, SdkRequest(method="GET", schema=u.scheme, host=u.netloc, resource_path=path,
                                         query_params=list(query), header_params={"User-Agent": USER_AGENT},
                                         body=""))


def json_of(resp, what):
    try:
        return resp.json()
    except ValueError:
        fail("%s: HTTP %s, body is not JSON: %r" % (what, resp.status_code, resp.text[:200]))


# --------------------------------------------------------------------------------------
# The mock's admin API (unsigned, `X-Mock-Admin: <token>`): the outbox of sent SMS,
# temporary credentials
# --------------------------------------------------------------------------------------

def admin_request(args, method, path, body=None):
    """Call one of the mock's admin endpoints (`/mock/...`); the decoded JSON."""
    headers = {"X-Mock-Admin": args.admin_token}
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(args.endpoint + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        fail("%s %s: HTTP %s %s (is --admin-token the mock's admin token?)"
             % (method, path, e.code, e.read()[:200].decode("utf-8", "replace")))
    except (urllib.error.URLError, ValueError) as e:
        fail("%s %s: %s" % (method, path, e))


def admin_get(args, path):
    return admin_request(args, "GET", path)


def outbox_last_id(args):
    msgs = admin_get(args, "/mock/outbox").get("messages") or []
    return max([m.get("id") or 0 for m in msgs] or [0])


def outbox_code(args, after, phone):
    """The newest 6-digit code the mock sent by SMS to `phone` after outbox message `after`."""
    msgs = admin_get(args, "/mock/outbox?after=%d" % after).get("messages") or []
    found = [re.search(r"code is (\d{6})\b", m.get("body") or "") for m in msgs
             if m.get("channel") == "sms" and m.get("recipient") == phone]
    found = [f.group(1) for f in found if f]
    expect(found, "no SMS code to %s in the mock's outbox after message %d" % (phone, after))
    return found[-1]


# --------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True, help="mock base URL, e.g. http://127.0.0.1:18181")
    ap.add_argument("--ak", default=DIST_AK, help="distributor AK (default: demo distributor)")
    ap.add_argument("--sk", default=DIST_SK)
    ap.add_argument("--domain-id", help="the distributor's account (domain) id, sent as X-Domain-Id "
                                        "(default: the SDK asks IAM for it)")
    ap.add_argument("--gov-ak", default=GOV_AK, help="government partner AK (issues coupons)")
    ap.add_argument("--gov-sk", default=GOV_SK)
    ap.add_argument("--gov-domain-id", help="the government partner's account id (default: asked of IAM)")
    ap.add_argument("--admin-token", default=os.environ.get("PARTNER_CONSOLE_MOCK_ADMIN_TOKEN"),
                    help="the mock's admin token (X-Mock-Admin), to read the bank-card code from its "
                         "outbox (default: $PARTNER_CONSOLE_MOCK_ADMIN_TOKEN)")
    ap.add_argument("--allow-extra-fields", action="store_true",
                    help="do not fail on response fields the SDK model does not declare")
    ap.add_argument("--verbose", "-v", action="store_true", help="dump raw responses to stderr")
    args = ap.parse_args()
    args.endpoint = args.endpoint.rstrip("/")
    # IAM is the mock's: the SDK takes its endpoint from this variable before any default
    # (IamHelper.get_iam_endpoint), and STS's from its own, tried when IAM lists no domain.
    for var in (IamHelper.IAM_ENDPOINT_ENV_NAME, "HUAWEICLOUD_SDK_STS_ENDPOINT"):
        if not os.environ.get(var):
            os.environ[var] = args.endpoint

    if not args.verbose:  # the SDK logs every HTTP error to stderr via logging's last-resort handler
        import logging
        for name in ("HuaweiCloud-SDK-BssClient", "HuaweiCloud-SDK-IamClient"):
            logging.getLogger(name).addHandler(logging.NullHandler())
    r = Runner(args)
    try:
        # Without --domain-id the SDK gets the account from IAM here, while building.
        dist = r.client(args.ak, args.sk, args.domain_id)
        gov = r.client(args.gov_ak, args.gov_sk, args.gov_domain_id)
    except sdk_exc.SdkException as e:
        print("FAIL iam_domain_id: building the clients: %s" % e, flush=True)
        print("FAILED: 1 failure(s)", flush=True)
        return 1
    dist_domain = dist.get_credentials().domain_id
    gov_domain = gov.get_credentials().domain_id
    ctx = {}

    # ---------------- IAM (the account and projects of an AK) ----------------
    def iam_domain_id():
        iam = IamHelper.get_iam_endpoint()
        notes = []
        for who, ak, sk, given, used in (("distributor", args.ak, args.sk, args.domain_id, dist_domain),
                                         ("government", args.gov_ak, args.gov_sk, args.gov_domain_id, gov_domain)):
            # the request the SDK sends, signed the SDK's way (no X-Domain-Id: it is what is asked)
            req = IamHelper.get_keystone_list_auth_domains_request(dist.get_http_client().config, iam)
            resp = send_signed(GlobalCredentials(ak, sk), req)
            data = json_of(resp, "GET /v3/auth/domains")
            expect(resp.status_code == 200, "%s: GET /v3/auth/domains HTTP %s %s" % (who, resp.status_code, data))
            domains = data.get("domains")
            expect(isinstance(domains, list) and len(domains) == 1, "%s: domains %r, expected one" % (who, domains))
            d = domains[0]
            expect(re.match(r"^[0-9a-f]{32}$", str(d.get("id"))), "%s: domain id %r is not 32 hex digits"
                   % (who, d.get("id")))
            expect(isinstance(d.get("name"), str) and d["name"], "%s: domain name %r" % (who, d.get("name")))
            expect(d.get("enabled") is True, "%s: enabled %r" % (who, d.get("enabled")))
            expect(isinstance((data.get("links") or {}).get("self"), str), "%s: no links.self" % who)
            expect(used == d["id"], "%s: the client sends X-Domain-Id %r, IAM says the AK's account is %r"
                   % (who, used, d["id"]))
            notes.append("%s %s%s" % (who, d["id"], " (--domain-id)" if given else ""))
        expect(dist_domain != gov_domain, "both partners have account %s" % dist_domain)
        if IamClient is not None:
            iamc = (IamClient.new_builder().with_credentials(GlobalCredentials(args.ak, args.sk, dist_domain))
                    .with_endpoints([iam]).build())
            got = [x.id for x in iamc.keystone_list_auth_domains(KeystoneListAuthDomainsRequest()).domains or []]
            expect(got == [dist_domain], "IamClient.keystone_list_auth_domains -> %r" % got)
        # and the client works with it
        r.call(dist.list_partner_balances, M.ListPartnerBalancesRequest())
        r.call(gov.list_partner_balances, M.ListPartnerBalancesRequest())
        how = "given" if args.domain_id and args.gov_domain_id else "asked of IAM by the SDK"
        return Note("%s; %s at %s" % ("; ".join(notes), how, iam))

    r.run("iam_domain_id", iam_domain_id)

    def iam_projects():
        iam = IamHelper.get_iam_endpoint()
        creds = GlobalCredentials(args.ak, args.sk)
        resp = signed_get(iam, creds, "/v3/projects")
        data = json_of(resp, "GET /v3/projects")
        expect(resp.status_code == 200, "GET /v3/projects HTTP %s %s" % (resp.status_code, data))
        rows = data.get("projects")
        expect(isinstance(rows, list) and rows, "projects %r" % rows)
        for p in rows:
            expect(re.match(r"^[0-9a-f]{32}$", str(p.get("id"))), "project id %r" % p.get("id"))
            expect(p.get("domain_id") == dist_domain, "project %s: domain_id %r, expected %s"
                   % (p.get("name"), p.get("domain_id"), dist_domain))
            expect(p.get("name"), "project without name")
        names = [p["name"] for p in rows]
        expect(len(set(names)) == len(names), "two projects with one name: %s" % names)
        region = "cn-north-4" if "cn-north-4" in names else names[0]
        want = next(p["id"] for p in rows if p["name"] == region)
        one = json_of(signed_get(iam, creds, "/v3/projects", [("name", region)]), "GET /v3/projects?name=")
        expect([p.get("id") for p in one.get("projects") or []] == [want],
               "name=%s -> %r, expected [%s]" % (region, one.get("projects"), want))
        nowhere = "xx-nowhere-9"
        none = json_of(signed_get(iam, creds, "/v3/projects", [("name", nowhere)]), "GET /v3/projects?name=")
        expect(none.get("projects") == [], "name=%s -> %r, expected []" % (nowhere, none.get("projects")))
        # A regional client's BasicCredentials(ak, sk) asks IAM for the region's project the same way.
        http = dist.get_http_client()
        basic = BasicCredentials(args.ak, args.sk).process_auth_params(http, region)
        expect(basic.project_id == want, "BasicCredentials found project %r for %s, expected %s"
               % (basic.project_id, region, want))
        try:
            BasicCredentials(args.ak, args.sk).process_auth_params(http, nowhere)
            fail("BasicCredentials found a project for %s" % nowhere)
        except sdk_exc.SdkException as e:
            expect("project id" in str(e), "unknown region: %s" % e)
        note = "%d projects; %s -> %s" % (len(rows), region, want)
        if IamClient is None:
            note += "; keystone_list_projects not tried (huaweicloudsdkiam not installed)"
        else:
            iamc = (IamClient.new_builder().with_credentials(GlobalCredentials(args.ak, args.sk, dist_domain))
                    .with_endpoints([iam]).build())
            got = [p.id for p in iamc.keystone_list_projects(KeystoneListProjectsRequest(name=region)).projects or []]
            expect(got == [want], "IamClient.keystone_list_projects(name=%s) -> %r" % (region, got))
            note += "; keystone_list_projects agrees"
        return Note(note)

    r.run("iam_projects", iam_projects)

    # ---------------- customers ----------------
    def list_sub_customers():
        resp = r.call(dist.list_sub_customers,
                      M.ListSubCustomersRequest(body=M.QuerySubCustomerListReq(offset=0, limit=100)))
        infos = resp.customer_infos or []
        expect(isinstance(resp.count, int), "count missing")
        expect(len(infos) > 0, "no customers returned (demo data has >= 40)")
        expect(resp.count >= len(infos), "count %s < %d returned" % (resp.count, len(infos)))
        expect(len(infos) <= 100, "more rows than limit")
        for c in infos:
            expect(c.customer_id and c.account_name, "customer without customer_id/account_name")
            expect(c.association_type in (None, "1", "2"), "association_type %r" % c.association_type)
            expect(c.verified_status in (None, "-1", "0", "1", "2"), "verified_status %r" % c.verified_status)
            expect(c.customer_type in (None, -1, 0, 1), "customer_type %r" % c.customer_type)
            expect(c.is_frozen in (None, 0, 1, 2), "is_frozen %r" % c.is_frozen)
        ids = [c.customer_id for c in infos]
        expect(len(set(ids)) == len(ids), "duplicate customer ids in one page")
        # paging: offset is a record offset
        page = r.call(dist.list_sub_customers,
                      M.ListSubCustomersRequest(body=M.QuerySubCustomerListReq(offset=1, limit=1)))
        expect(len(page.customer_infos or []) == 1, "offset=1&limit=1 returned %d rows"
               % len(page.customer_infos or []))
        if resp.count <= 100:
            expect(page.customer_infos[0].customer_id == infos[1].customer_id,
                   "offset=1 does not return the 2nd record of offset=0 (offset must be a record offset)")
        # filter by association type
        resellers = r.call(dist.list_sub_customers, M.ListSubCustomersRequest(
            body=M.QuerySubCustomerListReq(association_type="2", limit=100)))
        for c in resellers.customer_infos or []:
            expect(c.association_type == "2", "association_type filter ignored (%r)" % c.association_type)
        ctx["customers"] = infos
        ctx["reseller_customers"] = [c.customer_id for c in (resellers.customer_infos or [])]
        expect(ctx["reseller_customers"], "no reseller-type (association_type 2) customer")
        return Note("%d customers, %d reseller-type" % (resp.count, len(ctx["reseller_customers"])))

    r.run("list_sub_customers", list_sub_customers)

    def create_sub_customer():
        name = "sdkchk_" + rand_hex(12)
        xid = "sdk-check-" + uuid.uuid4().hex
        resp = r.call(dist.create_sub_customer, M.CreateSubCustomerRequest(body=M.CreateCustomerV2Req(
            xaccount_id=xid, xaccount_type=XACCOUNT_TYPE, domain_name=name,
            is_close_market_ms="false", include_association_result=True)))
        expect(resp.domain_id, "no domain_id")
        expect(resp.domain_name == name, "domain_name %r != requested %r" % (resp.domain_name, name))
        ctx["new_customer"] = (resp.domain_id, name)
        found = None
        for _ in range(10):
            lst = r.call(dist.list_sub_customers, M.ListSubCustomersRequest(
                body=M.QuerySubCustomerListReq(account_name=name, limit=10)))
            found = [c for c in (lst.customer_infos or []) if c.customer_id == resp.domain_id]
            if found:
                break
            time.sleep(0.5)
        expect(found, "new customer %s not listed by list_sub_customers(account_name=...)" % name)
        c = found[0]
        expect(c.account_name == name, "listed account_name %r" % c.account_name)
        expect(c.xaccount_id in (None, xid), "listed xaccount_id %r" % c.xaccount_id)
        expect(c.xaccount_type in (None, XACCOUNT_TYPE), "listed xaccount_type %r" % c.xaccount_type)
        # duplicate xaccount_id must be refused
        try:
            dist.create_sub_customer(M.CreateSubCustomerRequest(body=M.CreateCustomerV2Req(
                xaccount_id=xid, xaccount_type=XACCOUNT_TYPE, domain_name="sdkchk_" + rand_hex(12))))
            fail("second create with the same xaccount_id succeeded (expected 400 CBC.99000039)")
        except sdk_exc.ClientRequestException as e:
            expect(str(e.error_code).startswith("CBC."), "duplicate xaccount_id: error_code %r" % e.error_code)
        return Note("domain_id %s" % resp.domain_id)

    r.run("create_sub_customer", create_sub_customer)

    def check_user_identity():
        free = "sdkfree_" + rand_hex(10)
        resp = r.call(dist.check_user_identity, M.CheckUserIdentityRequest(
            body=M.CheckSubcustomerUserReq(search_type="name", search_value=free)))
        expect(resp.check_result == "available", "unused name -> check_result %r" % resp.check_result)
        taken = ctx.get("new_customer", (None, None))[1] or (ctx.get("customers") or [None])[0]
        if taken is not None and not isinstance(taken, str):
            taken = taken.account_name
        if taken:
            resp = r.call(dist.check_user_identity, M.CheckUserIdentityRequest(
                body=M.CheckSubcustomerUserReq(search_type="name", search_value=taken)))
            expect(resp.check_result == "used_by_user", "existing name %r -> %r" % (taken, resp.check_result))
        resp = r.call(dist.check_user_identity, M.CheckUserIdentityRequest(
            body=M.CheckSubcustomerUserReq(search_type="mobile", search_value="0086-139%08d" % (uuid.uuid4().int % 10 ** 8))))
        expect(resp.check_result in ("available", "used_by_user"), "mobile -> check_result %r" % resp.check_result)
        expect(resp.mobile_remain_available_num is None or isinstance(resp.mobile_remain_available_num, int),
               "mobile_remain_available_num %r" % resp.mobile_remain_available_num)
        resp = r.call(dist.check_user_identity, M.CheckUserIdentityRequest(
            body=M.CheckSubcustomerUserReq(search_type="email", search_value="sdk-%s@example.com" % rand_hex(8))))
        expect(resp.check_result == "available", "unused email -> %r" % resp.check_result)

    r.run("check_user_identity", check_user_identity)

    def send_verification_message_code():
        phone = "139%08d" % (uuid.uuid4().int % 10 ** 8)
        resp = r.call(dist.send_verification_message_code, M.SendVerificationMessageCodeRequest(
            body=M.SendVerificationCodeV2Req(receiver_type=1, mobile_phone=phone, timeout=10,
                                             lang="en-us", scene=29)),
            ok_status=(200, 204), empty_ok=True)
        return Note("HTTP %d" % resp.status_code)

    r.run("send_verification_message_code", send_verification_message_code)

    # ---------------- real-name authentication ----------------
    # Three customers that never submitted one (verified_status "-1"): a passport (goes to
    # manual review), a bank card (passes at once) and an enterprise licence (review).
    todo = [c.customer_id for c in ctx.get("customers") or [] if c.verified_status == "-1"]

    def listed(customer_id):
        resp = r.call(dist.list_sub_customers, M.ListSubCustomersRequest(
            body=M.QuerySubCustomerListReq(customer_id=customer_id, limit=10)))
        rows = [c for c in resp.customer_infos or [] if c.customer_id == customer_id]
        expect(rows, "customer %s not listed by list_sub_customers(customer_id=...)" % customer_id)
        return rows[0]

    def create_personal_realname_auth_document():
        cid = todo[0]
        resp = r.call(dist.create_personal_realname_auth, M.CreatePersonalRealnameAuthRequest(
            body=M.ApplyIndividualRealnameAuthsReq(
                customer_id=cid, identify_type=0, verified_type=3,
                verified_file_url=["passport/info.jpg", "passport/stamp.jpg", "passport/hand.jpg"],
                name="Sarah O'Connor", verified_number="E12345678", change_type=-1,
                xaccount_type=XACCOUNT_TYPE)))
        expect(resp.is_review == 1, "passport: is_review %r, expected 1 (manual review)" % resp.is_review)
        ctx["realname_document"] = cid
        c = listed(cid)
        expect(c.verified_status == "0", "after submitting, verified_status %r, expected '0' (under review)"
               % c.verified_status)
        expect(c.customer_type == 0, "after a personal submission, customer_type %r, expected 0" % c.customer_type)
        return Note("%s under review" % cid)

    r.run("create_personal_realname_auth(document)", create_personal_realname_auth_document,
          (todo, "customer with verified_status -1"))

    def create_personal_realname_auth_bank_card():
        cid = todo[1]
        after = outbox_last_id(args)
        r.call(dist.send_verification_message_code, M.SendVerificationMessageCodeRequest(
            body=M.SendVerificationCodeV2Req(receiver_type=1, mobile_phone=BANK_PHONE, timeout=10,
                                             lang="en-us", scene=18, customer_id=cid)),
            ok_status=(200, 204), empty_ok=True)
        code = outbox_code(args, after, BANK_PHONE)
        resp = r.call(dist.create_personal_realname_auth, M.CreatePersonalRealnameAuthRequest(
            body=M.ApplyIndividualRealnameAuthsReq(
                customer_id=cid, identify_type=4, name="张伟", verified_number=RESIDENT_ID,
                change_type=-1, xaccount_type=XACCOUNT_TYPE,
                bank_card_info=M.BankCardInfoV2(bank_account=BANK_ACCOUNT, areacode="0086",
                                                mobile=BANK_PHONE, verification_code=code))))
        expect(resp.is_review == 0, "bank card: is_review %r, expected 0 (no manual review)" % resp.is_review)
        ctx["realname_bank_card"] = cid
        c = listed(cid)
        expect(c.verified_status == "2", "after a bank card, verified_status %r, expected '2' (verified)"
               % c.verified_status)
        return Note("%s verified with the scene-18 code" % cid)

    r.run("create_personal_realname_auth(bank_card)", create_personal_realname_auth_bank_card,
          (len(todo) > 1, "second customer with verified_status -1"),
          (args.admin_token, "admin token to read the SMS code (--admin-token)"))

    def create_enterprise_realname_authentication():
        cid = todo[2]
        req = M.CreateEnterpriseRealnameAuthenticationRequest(body=M.ApplyEnterpriseRealnameAuthsReq(
            customer_id=cid, identify_type=1, certificate_type=0, verified_file_url=["licence.pdf"],
            corp_name="Acme Robotics Ltd", verified_number=CREDIT_CODE, reg_country="CN",
            xaccount_type=XACCOUNT_TYPE))
        resp = r.call(dist.create_enterprise_realname_authentication, req)
        expect(resp.is_review == 1, "licence: is_review %r, expected 1 (manual review)" % resp.is_review)
        ctx["realname_enterprise"] = cid
        c = listed(cid)
        expect(c.verified_status == "0", "after submitting, verified_status %r, expected '0' (under review)"
               % c.verified_status)
        expect(c.customer_type == 1, "after an enterprise submission, customer_type %r, expected 1"
               % c.customer_type)
        # a second submission while the first is under review is refused
        e = r.expect_error(dist.create_enterprise_realname_authentication, req, 400, "CBC.99008202")
        return Note("%s under review; again -> %s" % (cid, e.error_code))

    r.run("create_enterprise_realname_authentication", create_enterprise_realname_authentication,
          (len(todo) > 2, "third customer with verified_status -1"))

    def show_realname_authentication_review_result():
        seen = []
        for key, want in (("realname_document", 0), ("realname_bank_card", 2), ("realname_enterprise", 0)):
            cid = ctx.get(key)
            if not cid:
                continue
            resp = r.call(dist.show_realname_authentication_review_result,
                          M.ShowRealnameAuthenticationReviewResultRequest(customer_id=cid))
            expect(resp.review_result == want, "%s (%s): review_result %r, expected %d"
                   % (cid, key[len("realname_"):], resp.review_result, want))
            seen.append("%s %d" % (key[len("realname_"):], want))
        return Note(", ".join(seen))

    r.run("show_realname_authentication_review_result", show_realname_authentication_review_result,
          (ctx.get("realname_document") or ctx.get("realname_bank_card") or ctx.get("realname_enterprise"),
           "real-name submission"))

    # ---------------- resellers ----------------
    def list_indirect_partners():
        resp = r.call(dist.list_indirect_partners, M.ListIndirectPartnersRequest(
            body=M.QueryIndirectPartnersReq(offset=0, limit=100)))
        rows = resp.indirect_partners or []
        expect(isinstance(resp.count, int), "count missing")
        expect(rows, "no resellers (demo distributor has 5)")
        expect(resp.count >= len(rows), "count < rows")
        for p in rows:
            expect(p.indirect_partner_id, "reseller without indirect_partner_id")
        one = r.call(dist.list_indirect_partners, M.ListIndirectPartnersRequest(
            body=M.QueryIndirectPartnersReq(indirect_partner_id=rows[0].indirect_partner_id)))
        expect([p.indirect_partner_id for p in one.indirect_partners or []] == [rows[0].indirect_partner_id],
               "filter by indirect_partner_id ignored")
        ctx["reseller"] = rows[0].indirect_partner_id
        return Note("%d resellers" % resp.count)

    r.run("list_indirect_partners", list_indirect_partners)

    def partner_balances(client, indirect_partner_id=None):
        resp = r.call(client.list_partner_balances,
                      M.ListPartnerBalancesRequest(indirect_partner_id=indirect_partner_id))
        return resp

    def balance_by_type(resp, account_type=1):
        return sum((amount_of(b.amount) or D(0)) for b in (resp.account_balances or [])
                   if b.account_type == account_type)

    def list_partner_balances():
        resp = partner_balances(dist)
        rows = resp.account_balances or []
        expect(rows, "no account_balances")
        for b in rows:
            expect(b.account_type in (1, 2, 5, 7, 8), "account_type %r" % b.account_type)
            expect(b.currency == "CNY", "currency %r" % b.currency)
            expect(b.measure_id == 1, "measure_id %r" % b.measure_id)
            expect(b.amount is not None, "amount missing")
        ctx["partner_balances_before"] = {b.account_id: amount_of(b.amount) for b in rows}
        if ctx.get("reseller"):
            rr = partner_balances(dist, ctx["reseller"])
            expect(rr.account_balances, "no account_balances for reseller %s" % ctx["reseller"])
        return Note(", ".join("type %s: %s" % (b.account_type, b.amount) for b in rows))

    r.run("list_partner_balances", list_partner_balances)

    def update_indirect_partner_account():
        before = balance_by_type(partner_balances(dist, ctx["reseller"]))
        resp = r.call(dist.update_indirect_partner_account, M.UpdateIndirectPartnerAccountRequest(
            body=M.AdjustToIndirectPartnerReq(indirect_partner_id=ctx["reseller"], amount=TRANSFER_AMOUNT)))
        expect(resp.transfer_id, "no transfer_id")
        ctx["reseller_transfer_id"] = resp.transfer_id
        after = balance_by_type(partner_balances(dist, ctx["reseller"]))
        note = "transfer_id %s" % resp.transfer_id
        if after - before != TRANSFER_AMOUNT:
            note += "; reseller type-1 balance moved %s (expected +%s)" % (after - before, TRANSFER_AMOUNT)
        return Note(note)

    r.run("update_indirect_partner_account", update_indirect_partner_account, (ctx.get("reseller"), "reseller id"))

    def reclaim_indirect_partner_account():
        resp = r.call(dist.reclaim_indirect_partner_account, M.ReclaimIndirectPartnerAccountRequest(
            body=M.ReclaimIndirectPartnerAccountReq(indirect_partner_id=ctx["reseller"], amount=TRANSFER_AMOUNT)))
        expect(resp.trans_id, "no trans_id")
        ctx["reseller_reclaim_id"] = resp.trans_id
        # more than the reseller holds must be refused
        try:
            dist.reclaim_indirect_partner_account(M.ReclaimIndirectPartnerAccountRequest(
                body=M.ReclaimIndirectPartnerAccountReq(indirect_partner_id=ctx["reseller"],
                                                        amount=D("999999999.99"))))
            fail("reclaiming 999999999.99 from a reseller succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(str(e.error_code).startswith("CBC."), "over-reclaim error_code %r" % e.error_code)
        return Note("trans_id %s" % resp.trans_id)

    r.run("reclaim_indirect_partner_account", reclaim_indirect_partner_account,
          (ctx.get("reseller"), "reseller id"))

    # ---------------- customer funds ----------------
    def customer_amount(customer_id):
        resp = r.call(dist.list_customers_balances_detail, M.ListCustomersBalancesDetailRequest(
            body=M.QueryCustomersBalancesReq(customer_infos=[M.CustomerInfoV2(customer_id=customer_id)])))
        rows = [b for b in (resp.customer_balances or []) if b.customer_id == customer_id]
        expect(rows, "customer %s missing from customer_balances" % customer_id)
        return amount_of(rows[0].amount)

    def list_customers_balances_detail():
        ids = ctx["reseller_customers"][:5]
        resp = r.call(dist.list_customers_balances_detail, M.ListCustomersBalancesDetailRequest(
            body=M.QueryCustomersBalancesReq(customer_infos=[M.CustomerInfoV2(customer_id=i) for i in ids])))
        rows = resp.customer_balances or []
        expect(rows, "no customer_balances for reseller-type customers %s" % ids)
        for b in rows:
            expect(b.customer_id in ids, "unrequested customer %s returned" % b.customer_id)
            expect(isinstance(b.amount, (D, int)), "amount %r is not a JSON number" % b.amount)
            expect(b.currency in (None, "CNY"), "currency %r" % b.currency)
            expect(b.measure_id in (None, 1), "measure_id %r" % b.measure_id)
        ctx["fund_customer"] = rows[0].customer_id

    r.run("list_customers_balances_detail", list_customers_balances_detail,
          (ctx.get("reseller_customers"), "reseller-type customer ids"))

    def update_customer_account_amount():
        cid = ctx["fund_customer"]
        before = customer_amount(cid)
        resp = r.call(dist.update_customer_account_amount, M.UpdateCustomerAccountAmountRequest(
            body=M.AdjustAccountReq(customer_id=cid, amount=TRANSFER_AMOUNT)))
        expect(resp.transfer_id, "no transfer_id")
        ctx["customer_transfer_id"] = resp.transfer_id
        after = customer_amount(cid)
        expect(after - before == TRANSFER_AMOUNT, "customer balance moved %s -> %s (expected +%s)"
               % (before, after, TRANSFER_AMOUNT))
        # a consultative (association_type 1) customer cannot receive funds
        consult = [c.customer_id for c in ctx.get("customers", []) if c.association_type == "1"]
        note = "transfer_id %s" % resp.transfer_id
        if consult:
            try:
                dist.update_customer_account_amount(M.UpdateCustomerAccountAmountRequest(
                    body=M.AdjustAccountReq(customer_id=consult[0], amount=TRANSFER_AMOUNT)))
                fail("allocating to consultative customer %s succeeded" % consult[0])
            except sdk_exc.ClientRequestException as e:
                expect(str(e.error_code).startswith("CBC."), "consultative allocate error_code %r" % e.error_code)
                note += "; consultative refused with %s" % e.error_code
        return Note(note)

    r.run("update_customer_account_amount", update_customer_account_amount,
          (ctx.get("fund_customer"), "reseller-type customer with a balance row"))

    def reclaim_to_partner_account():
        cid = ctx["fund_customer"]
        before = customer_amount(cid)
        resp = r.call(dist.reclaim_to_partner_account, M.ReclaimToPartnerAccountRequest(
            body=M.ReclaimToPartnerAccountBalancesReq(customer_id=cid, amount=TRANSFER_AMOUNT)))
        expect(resp.trans_id, "no trans_id")
        ctx["customer_reclaim_id"] = resp.trans_id
        after = customer_amount(cid)
        expect(before - after == TRANSFER_AMOUNT, "customer balance moved %s -> %s (expected -%s)"
               % (before, after, TRANSFER_AMOUNT))
        return Note("trans_id %s" % resp.trans_id)

    r.run("reclaim_to_partner_account", reclaim_to_partner_account,
          (ctx.get("fund_customer"), "reseller-type customer with a balance row"))

    def funds_round_trip():
        now = {b.account_id: amount_of(b.amount) for b in (partner_balances(dist).account_balances or [])}
        expect(now == ctx["partner_balances_before"],
               "partner balances after allocate+reclaim %s differ from before %s"
               % (now, ctx["partner_balances_before"]))

    r.run("funds_round_trip", funds_round_trip, (ctx.get("partner_balances_before"), "initial balances"))

    def list_partner_adjust_records():
        resp = r.call(dist.list_partner_adjust_records, M.ListPartnerAdjustRecordsRequest(offset=0, limit=100))
        expect(isinstance(resp.total_count, int), "total_count missing")
        rows = resp.records or []
        expect(len(rows) <= 100, "more rows than limit")
        for rec in rows:
            expect(rec.operation_type in ("SOURCE_OPERATION_BEADJUST", "SOURCE_OPERATION_BERETRIEVE",
                                          "SOURCE_OPERATION_BEUNBIND"), "operation_type %r" % rec.operation_type)
            expect(isinstance(rec.amount, str), "amount must be a string, got %r" % rec.amount)
            D(rec.amount)
        wanted = [("customer_transfer_id", "SOURCE_OPERATION_BEADJUST"),
                  ("customer_reclaim_id", "SOURCE_OPERATION_BERETRIEVE"),
                  ("reseller_transfer_id", "SOURCE_OPERATION_BEADJUST"),
                  ("reseller_reclaim_id", "SOURCE_OPERATION_BERETRIEVE")]
        checked = 0
        for key, op in wanted:
            tid = ctx.get(key)
            if not tid:
                continue
            one = r.call(dist.list_partner_adjust_records, M.ListPartnerAdjustRecordsRequest(trans_id=tid))
            recs = one.records or []
            expect(len(recs) == 1 and recs[0].trans_id == tid,
                   "trans_id=%s (%s) -> %d records" % (tid, key, len(recs)))
            expect(recs[0].operation_type == op, "%s operation_type %r, expected %s" % (tid, recs[0].operation_type, op))
            expect(D(recs[0].amount) == TRANSFER_AMOUNT, "%s amount %r" % (tid, recs[0].amount))
            checked += 1
        begin = utc(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30))
        end = utc(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5))
        win = r.call(dist.list_partner_adjust_records, M.ListPartnerAdjustRecordsRequest(
            operation_type="SOURCE_OPERATION_BEADJUST", operation_time_begin=begin, operation_time_end=end, limit=10))
        for rec in win.records or []:
            expect(rec.operation_type == "SOURCE_OPERATION_BEADJUST", "operation_type filter ignored")
            expect(begin <= (rec.operation_time or "") <= end, "operation_time %r outside window" % rec.operation_time)
        return Note("%d records, %d transfers found by trans_id" % (resp.total_count, checked))

    r.run("list_partner_adjust_records", list_partner_adjust_records)

    def list_partner_account_change_records():
        resp = r.call(dist.list_partner_account_change_records, M.ListPartnerAccountChangeRecordsRequest(
            balance_type="BALANCE_TYPE_DEBIT", limit=100))
        rows = resp.records or []
        expect(isinstance(resp.total_count, int) and resp.total_count >= len(rows), "total_count %r" % resp.total_count)
        expect(rows, "no account change records (the demo has a year of them)")
        times = [x.trade_time for x in rows]
        expect(times == sorted(times, reverse=True), "not newest first")
        for x in rows:
            expect(x.type in ("1", "2"), "type %r" % x.type)
            expect(x.account_change_id and x.trade_detail_type, "record without id or detail type")
        bal = balance_by_type(partner_balances(dist))
        expect(amount_of(rows[0].balance_after_change) == amount_of(bal),
               "newest balance_after_change %s != balance %s" % (rows[0].balance_after_change, bal))
        rech = r.call(dist.list_partner_account_change_records, M.ListPartnerAccountChangeRecordsRequest(
            balance_type="BALANCE_TYPE_DEBIT", trade_type="RECHARGE", limit=10))
        for x in rech.records or []:
            expect(x.trade_detail_type == "SOURCE_OPERAIION_RECHARGE", "trade_type filter ignored (%r)" % x.trade_detail_type)
        try:
            dist.list_partner_account_change_records(M.ListPartnerAccountChangeRecordsRequest(
                balance_type="BALANCE_TYPE_DEBIT", trade_time_begin="2020-01-01", trade_time_end="2022-01-01"))
            fail("a two-year span succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(e.status_code == 400 and e.error_code == "CBC.0100", "two years -> HTTP %s %s" % (e.status_code, e.error_code))
        return Note("%d records, %d recharges" % (resp.total_count, rech.total_count))

    r.run("list_partner_account_change_records", list_partner_account_change_records)

    # ---------------- orders ----------------
    def check_order(o, where):
        expect(o.order_id, "%s: order without order_id" % where)
        expect(o.status in (1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13), "%s: status %r" % (o.order_id, o.status))
        expect(o.order_type in (None, 1, 2, 3, 4, 10, 11, 13, 14, 15), "%s: order_type %r" % (o.order_id, o.order_type))
        expect(o.source_type in (None, 1, 2, 3, 4, 5, 6, 7, 8), "%s: source_type %r" % (o.order_id, o.source_type))
        expect(o.currency in (None, "CNY"), "%s: currency %r" % (o.order_id, o.currency))

    def list_customer_orders():
        resp = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(offset=0, limit=100))
        rows = resp.order_infos or []
        expect(isinstance(resp.total_count, int), "total_count missing")
        expect(rows, "no orders (demo has >= 200)")
        expect(len(rows) <= 100 and resp.total_count >= len(rows), "total_count/limit mismatch")
        for o in rows:
            check_order(o, "list")
        # status filter + pagination
        pend = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(status=6, limit=50, offset=0))
        for o in pend.order_infos or []:
            expect(o.status == 6, "status=6 filter returned status %r" % o.status)
        by_id = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(order_id=DEMO_ORDER))
        expect([o.order_id for o in by_id.order_infos or []] == [DEMO_ORDER],
               "order_id=%s returned %s" % (DEMO_ORDER, [o.order_id for o in by_id.order_infos or []]))
        lower = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(order_id=DEMO_ORDER.lower()))
        note = []
        if [o.order_id for o in lower.order_infos or []] != [DEMO_ORDER]:
            note.append("order_id filter is not case-insensitive (SDK doc says it is)")
        # time window with ':' in query values (signing of encoded query)
        end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
        begin = end - datetime.timedelta(days=364)
        win = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(
            create_time_begin=utc(begin), create_time_end=utc(end), order_by="-createTime", limit=20))
        times = [o.create_time for o in win.order_infos or []]
        for t in times:
            expect(utc(begin) <= t <= utc(end), "create_time %s outside the requested window" % t)
        expect(times == sorted(times, reverse=True), "order_by=-createTime not descending")
        # beyond the end
        far = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(offset=resp.total_count + 10, limit=10))
        expect(not far.order_infos, "offset past total_count still returned rows")
        ctx["orders"] = rows
        return Note("%d orders, %d pending%s" % (resp.total_count, pend.total_count or 0,
                                                 "; " + "; ".join(note) if note else ""))

    r.run("list_customer_orders", list_customer_orders)

    def list_customer_orders_sub_customer():
        resp = r.call(dist.list_customer_orders, M.ListCustomerOrdersRequest(method="sub_customer", limit=20))
        expect(isinstance(resp.total_count, int), "total_count missing")
        for o in resp.order_infos or []:
            check_order(o, "method=sub_customer")
        return Note("%d orders" % resp.total_count)

    r.run("list_customer_orders(method=sub_customer)", list_customer_orders_sub_customer)

    def show_customer_order_details():
        resp = r.call(dist.show_customer_order_details, M.ShowCustomerOrderDetailsRequest(
            order_id=DEMO_ORDER, x_language="en_US", offset=0, limit=10))
        oi = resp.order_info
        expect(oi is not None and oi.order_id == DEMO_ORDER, "order_info.order_id %r" % getattr(oi, "order_id", None))
        expect(oi.status == 6, "%s status %r, expected 6 (pending payment)" % (DEMO_ORDER, oi.status))
        expect(oi.customer_id, "order_info.customer_id missing")
        items = resp.order_line_items or []
        expect(items, "no order_line_items")
        expect(isinstance(resp.total_count, int) and resp.total_count >= len(items), "total_count %r" % resp.total_count)
        for li in items:
            expect(li.order_line_item_id, "line item without order_line_item_id")
            expect(li.order_id in (None, DEMO_ORDER), "line item order_id %r" % li.order_id)
            expect(li.period_type in (None, 0, 1, 2, 3, 4, 5, 6, 7), "period_type %r" % li.period_type)
        r.call(dist.show_customer_order_details, M.ShowCustomerOrderDetailsRequest(order_id=DEMO_ORDER))
        try:
            dist.show_customer_order_details(M.ShowCustomerOrderDetailsRequest(order_id="CS-NO-SUCH-" + rand_hex(6)))
            fail("unknown order id succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(str(e.error_code).startswith("CBC."), "unknown order: HTTP %s error_code %r" % (e.status_code, e.error_code))
            unknown = "unknown order -> HTTP %s %s" % (e.status_code, e.error_code)
        return Note("%d line items; %s" % (len(items), unknown))

    r.run("show_customer_order_details", show_customer_order_details)

    def show_refund_order_details():
        unsub = [o for o in ctx["orders"] if o.order_type == 4]
        expect(unsub, "no unsubscription order in the first 100")
        o = unsub[0]
        resp = r.call(dist.show_refund_order_details, M.ShowRefundOrderDetailsRequest(
            order_id=o.order_id, customer_id=o.customer_id))
        infos = resp.refund_infos or []
        expect(infos and resp.total_count == len(infos), "total_count %r for %d infos" % (resp.total_count, len(infos)))
        expect(any(amount_of(i.amount) < 0 for i in infos), "nothing refunded (negative amount)")
        expect(all(i.base_order_id for i in infos), "refund without its base order")
        bought = [x for x in ctx["orders"] if x.order_type == 1][0]
        try:
            dist.show_refund_order_details(M.ShowRefundOrderDetailsRequest(
                order_id=bought.order_id, customer_id=bought.customer_id))
            fail("a new-purchase order's refund succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(e.error_code == "CBC.99005026", "new purchase -> %s %s" % (e.status_code, e.error_code))
        return Note("%s refunds %s" % (o.order_id, ", ".join(str(i.amount) for i in infos)))

    r.run("show_refund_order_details", show_refund_order_details, (ctx.get("orders"), "orders"))

    # ---------------- yearly/monthly resources ----------------
    def list_pay_per_use_customer_resources():
        now = datetime.datetime.now(datetime.timezone.utc)
        found = 0
        for c in ctx["customers"]:
            resp = r.call(dist.list_pay_per_use_customer_resources, M.ListPayPerUseCustomerResourcesRequest(
                body=M.QueryResourcesReq(customer_id=c.customer_id, only_main_resource=1,
                                         status_list=[2, 4, 5], limit=100,
                                         expire_time_begin=utc(now - datetime.timedelta(days=30)),
                                         expire_time_end=utc(now + datetime.timedelta(days=90)))))
            expect(isinstance(resp.total_count, int), "total_count missing")
            rows = resp.data or []
            times = [x.expire_time for x in rows]
            expect(times == sorted(times), "not soonest first")
            for x in rows:
                expect(x.status in (2, 4, 5), "status %r outside status_list" % x.status)
                expect(x.expire_policy in (0, 1, 2, 3, 4, 5), "expire_policy %r" % x.expire_policy)
                expect(x.resource_id and x.service_type_name, "resource without id or service name")
            found += len(rows)
        expect(found > 0, "no resources among the demo's customers")
        # A partner must name the customer.
        try:
            dist.list_pay_per_use_customer_resources(
                M.ListPayPerUseCustomerResourcesRequest(body=M.QueryResourcesReq(limit=10)))
            fail("no customer_id succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(e.status_code == 400 and e.error_code == "CBC.0100",
                   "no customer_id -> HTTP %s %s" % (e.status_code, e.error_code))
        return Note("%d resources to renew across %d customers" % (found, len(ctx["customers"])))

    r.run("list_pay_per_use_customer_resources", list_pay_per_use_customer_resources,
          (ctx.get("customers"), "customers"))

    def list_customer_on_demand_resources():
        found = 0
        for c in ctx["customers"][:10]:
            resp = r.call(dist.list_customer_on_demand_resources, M.ListCustomerOnDemandResourcesRequest(
                x_language="en_US", body=M.QueryCustomerOnDemandResourcesReq(customer_id=c.customer_id, limit=100)))
            rows = resp.resources or []
            expect(isinstance(resp.total_count, int) and resp.total_count == len(rows), "total_count %r" % resp.total_count)
            for x in rows:
                expect(x.status in (1, 2, 3, 4, 5, 6), "status %r" % x.status)
                expect(x.resource_id and x.service_type_name, "resource without id or service name")
            found += len(rows)
        expect(found > 0, "no pay-per-use resources among ten customers")
        return Note("%d pay-per-use resources across 10 customers" % found)

    r.run("list_customer_on_demand_resources", list_customer_on_demand_resources,
          (ctx.get("customers"), "customers"))

    # ---------------- consumption ----------------
    def last_month():
        local = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)
        first = local.replace(day=1)
        return (first - datetime.timedelta(days=1)).strftime("%Y-%m")

    def list_consume_sub_customers():
        month = last_month()
        resp = r.call(dist.list_consume_sub_customers, M.ListConsumeSubCustomersRequest(
            body=M.ListConsumeSubCustomersReq(bill_cycle=month, offset=0, limit=100)))
        ids = [x.customer_id for x in resp.sub_customers or []]
        expect(isinstance(resp.total_count, int) and resp.total_count == len(ids), "total_count %r" % resp.total_count)
        expect(ids, "nobody consumed in %s" % month)
        ctx["consumers"] = ids
        try:
            dist.list_consume_sub_customers(M.ListConsumeSubCustomersRequest(
                body=M.ListConsumeSubCustomersReq(bill_cycle="2026-13")))
            fail("bill_cycle 2026-13 succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(e.status_code == 400, "bad bill_cycle -> HTTP %s" % e.status_code)
        return Note("%d customers consumed in %s" % (len(ids), month))

    r.run("list_consume_sub_customers", list_consume_sub_customers, (ctx.get("customers"), "customers"))

    def list_sub_customer_bill_detail():
        month = last_month()
        total = 0
        for cid in ctx["consumers"][:10]:
            resp = r.call(dist.list_sub_customer_bill_detail, M.ListSubCustomerBillDetailRequest(
                bill_cycle=month, customer_id=cid, x_language="en_US", offset=0, limit=100))
            rows = resp.fee_records or []
            expect(rows and resp.total_count >= len(rows), "no lines for %s" % cid)
            for f in rows:
                expect(f.bill_cycle == month and f.customer_id == cid, "line of another month or customer")
                expect(f.charging_mode in (1, 3, 10, 11), "charging_mode %r" % f.charging_mode)
                expect(f.service_type_name, "line without service name")
            total += len(rows)
        return Note("%d lines for %d customers" % (total, min(10, len(ctx["consumers"]))))

    r.run("list_sub_customer_bill_detail", list_sub_customer_bill_detail, (ctx.get("consumers"), "consumers"))

    def list_subcustomer_monthly_bills():
        month = last_month()
        sums = {}
        for mode in ("1", "3"):
            resp = r.call(dist.list_subcustomer_monthly_bills, M.ListSubcustomerMonthlyBillsRequest(
                cycle=month, charge_mode=mode, offset=0, limit=100))
            expect(isinstance(resp.count, int), "count missing")
            for b in resp.bill_sums or []:
                expect(b.charge_mode == mode, "charge_mode %r in mode %s" % (b.charge_mode, mode))
                expect(b.cloud_service_type and b.cloud_service_type_name, "sum without service")
                sums[mode] = sums.get(mode, 0) + 1
        expect(sums.get("3"), "no on-demand sums")
        try:
            dist.list_subcustomer_monthly_bills(M.ListSubcustomerMonthlyBillsRequest(cycle=month, charge_mode="2"))
            fail("charge_mode 2 succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(e.status_code == 400, "charge_mode 2 -> HTTP %s" % e.status_code)
        return Note("%d yearly/monthly, %d on-demand sums" % (sums.get("1", 0), sums.get("3", 0)))

    r.run("list_subcustomer_monthly_bills", list_subcustomer_monthly_bills)

    # ---------------- catalogue ----------------
    def list_service_types():
        resp = r.call(dist.list_service_types, M.ListServiceTypesRequest(x_language="en_US", offset=0, limit=100))
        rows = resp.service_types or []
        expect(rows, "no service_types")
        expect(isinstance(resp.total_count, int) and resp.total_count >= len(rows), "total_count %r" % resp.total_count)
        for s in rows:
            expect(s.service_type_code and s.service_type_name, "service type without code/name")
        ctx["service_types"] = [s.service_type_code for s in rows]
        # non-ASCII query value (UTF-8 percent-encoding in the signature)
        zh = r.call(dist.list_service_types, M.ListServiceTypesRequest(x_language="zh_CN", service_type_name="云"))
        for s in zh.service_types or []:
            expect("云" in (s.service_type_name or ""), "fuzzy service_type_name=云 returned %r" % s.service_type_name)
        return Note("%d service types; name~'云' -> %d" % (resp.total_count, zh.total_count or 0))

    r.run("list_service_types", list_service_types)

    def list_resource_types():
        resp = r.call(dist.list_resource_types, M.ListResourceTypesRequest(x_language="en_US", offset=0, limit=100))
        rows = resp.resource_types or []
        expect(rows, "no resource_types")
        for t in rows:
            expect(t.resource_type_code, "resource type without code")
        ctx["resource_types"] = rows
        return Note("%d resource types" % resp.total_count)

    r.run("list_resource_types", list_resource_types)

    def list_service_resources():
        codes = ctx.get("service_types") or []
        pref = [c for c in codes if c.endswith(".ec2")] + codes
        for code in pref[:8]:
            resp = r.call(dist.list_service_resources, M.ListServiceResourcesRequest(
                service_type_code=code, x_language="en_US", limit=50, offset=0))
            infos = resp.infos or []
            if infos:
                for i in infos:
                    expect(i.basic_info and i.basic_info.resource_type_code, "info without basic_info.resource_type_code")
                return Note("%s -> %d resources" % (code, len(infos)))
        fail("no service type among %s has resources" % pref[:8])

    r.run("list_service_resources", list_service_resources, (ctx.get("service_types"), "service types"))

    def list_usage_types():
        rts = [t.resource_type_code for t in ctx.get("resource_types") or []]
        rt = "hws.resource.type.vm" if "hws.resource.type.vm" in rts else (rts or [None])[0]
        resp = r.call(dist.list_usage_types, M.ListUsageTypesRequest(
            x_language="en_US", resource_type_code=rt, offset=0, limit=100))
        rows = resp.usage_types or []
        expect(rows, "no usage types for %s" % rt)
        for u in rows:
            expect(u.code, "usage type without code")
            expect(u.resource_type_code in (None, rt), "filter %s returned %r" % (rt, u.resource_type_code))
        ctx["usage_codes"] = [u.code for u in rows]
        allr = r.call(dist.list_usage_types, M.ListUsageTypesRequest(limit=10))
        expect(allr.usage_types, "no usage types without filter")
        return Note("%s -> %s" % (rt, ",".join(ctx["usage_codes"][:5])))

    r.run("list_usage_types", list_usage_types, (ctx.get("resource_types"), "resource types"))

    def list_measure_units():
        resp = r.call(dist.list_measure_units, M.ListMeasureUnitsRequest(x_language="en_US"))
        rows = resp.measure_units or []
        expect(rows, "no measure_units")
        ids = {m.measure_id: m for m in rows}
        expect(1 in ids, "measure_id 1 (yuan) missing")
        expect(ids[1].measure_type in (None, 1), "measure 1 measure_type %r" % ids[1].measure_type)
        ctx["measure_units"] = rows
        r.call(dist.list_measure_units, M.ListMeasureUnitsRequest())
        return Note("%d units" % len(rows))

    r.run("list_measure_units", list_measure_units)

    def hour_measure():
        for m in ctx.get("measure_units") or []:
            name = ("%s %s" % (m.measure_name or "", m.abbreviation or "")).lower()
            if m.measure_type == 2 and ("hour" in name or "小时" in name or name.strip() in ("h",)):
                return m.measure_id
        return 4

    def region_project(region="cn-north-4"):
        """The distributor's project in `region`, found as a regional SDK client finds it:
        BasicCredentials(ak, sk) asks IAM (GET /v3/projects?name=REGION) and caches it."""
        return BasicCredentials(args.ak, args.sk).process_auth_params(dist.get_http_client(), region).project_id

    rt_codes = [t.resource_type_code for t in ctx.get("resource_types") or []]
    vm = "hws.resource.type.vm" if ("hws.resource.type.vm" in rt_codes or not rt_codes) else rt_codes[0]
    vm_service = next((t.service_type_code for t in ctx.get("resource_types") or []
                       if t.resource_type_code == vm and t.service_type_code), "hws.service.type.ec2")

    def list_on_demand_resource_ratings():
        usage = "Duration" if "Duration" in (ctx.get("usage_codes") or ["Duration"]) else ctx["usage_codes"][0]
        resp = r.call(dist.list_on_demand_resource_ratings, M.ListOnDemandResourceRatingsRequest(
            body=M.RateOnDemandReq(project_id=region_project(), inquiry_precision=0, product_infos=[
                M.DemandProductInfo(id="1", cloud_service_type=vm_service, resource_type=vm,
                                    resource_spec="s6.small.1.linux", region="cn-north-4",
                                    usage_factor=usage, usage_value=D("1"), usage_measure_id=hour_measure(),
                                    subscription_num=1)])))
        expect(isinstance(resp.amount, (D, int)), "amount %r is not a JSON number" % resp.amount)
        expect(isinstance(resp.official_website_amount, (D, int)), "official_website_amount %r" % resp.official_website_amount)
        expect(resp.amount >= 0 and resp.official_website_amount >= resp.amount, "amount %s > official %s"
               % (resp.amount, resp.official_website_amount))
        ids = [p.id for p in resp.product_rating_results or []]
        expect(ids == ["1"], "product_rating_results ids %r (expected ['1'])" % ids)
        expect(resp.currency in (None, "CNY"), "currency %r" % resp.currency)
        return Note("%s %s/h (list %s)" % (vm, resp.amount, resp.official_website_amount))

    r.run("list_on_demand_resource_ratings", list_on_demand_resource_ratings)

    def list_rate_on_period_detail():
        resp = r.call(dist.list_rate_on_period_detail, M.ListRateOnPeriodDetailRequest(
            body=M.RateOnPeriodReq(project_id=region_project(), product_infos=[
                M.PeriodProductInfo(id="1", cloud_service_type=vm_service, resource_type=vm,
                                    resource_spec="s6.small.1.linux", region="cn-north-4",
                                    period_type=2, period_num=1, subscription_num=1)])))
        ow = resp.official_website_rating_result
        expect(ow is not None, "official_website_rating_result missing")
        expect(isinstance(ow.official_website_amount, (D, int)) and ow.official_website_amount > 0,
               "official_website_amount %r" % ow.official_website_amount)
        expect([p.id for p in ow.product_rating_results or []] == ["1"], "product_rating_results ids")
        for od in resp.optional_discount_rating_results or []:
            expect(od.best_offer in (None, 0, 1), "best_offer %r" % od.best_offer)
            expect(od.amount is None or od.amount <= ow.official_website_amount, "discounted > list price")
        return Note("1 month %s (list %s), %d discount options"
                    % (vm, ow.official_website_amount, len(resp.optional_discount_rating_results or [])))

    r.run("list_rate_on_period_detail", list_rate_on_period_detail)

    # ---------------- coupons (government partner) ----------------
    def list_quota_coupons():
        quotas, seen = [], set()
        for qt in (None, 0, 1):
            resp = r.call(gov.list_quota_coupons, M.ListQuotaCouponsRequest(
                body=M.QueryCouponQuotasReqExt(quota_type=qt, offset=0, limit=100)))
            for q in resp.quotas or []:
                expect(q.quota_id, "quota without quota_id")
                expect(q.quota_type in (0, 1), "quota_type %r" % q.quota_type)
                if qt is not None:
                    expect(q.quota_type == qt, "quota_type=%s filter returned %r" % (qt, q.quota_type))
                else:
                    expect(q.quota_type == 0, "no quota_type must default to 0 (voucher quotas), got %r" % q.quota_type)
                expect(q.quota_status in (0, 3, 4, 5), "quota_status %r" % q.quota_status)
                if q.quota_id not in seen:
                    seen.add(q.quota_id)
                    quotas.append(q)
        usable = [q for q in quotas if q.quota_status == 0 and q.balance is not None
                  and amount_of(q.balance) >= COUPON_FACE_VALUE]
        expect(usable, "no usable quota (status 0, balance >= %s) among %d" % (COUPON_FACE_VALUE, len(quotas)))
        ctx["quota"] = usable[0]
        return Note("%d quotas, using %s (type %s, balance %s)"
                    % (len(quotas), usable[0].quota_id, usable[0].quota_type, usable[0].balance))

    r.run("list_quota_coupons", list_quota_coupons)

    def gov_customer():
        resp = r.call(gov.list_sub_customers, M.ListSubCustomersRequest(
            body=M.QuerySubCustomerListReq(association_type="2", limit=10)))
        rows = resp.customer_infos or []
        expect(rows, "government partner has no reseller-type customer")
        return rows[0].customer_id

    def create_partner_coupons():
        cid = gov_customer()
        q = ctx["quota"]
        resp = r.call(gov.create_partner_coupons, M.CreatePartnerCouponsRequest(body=M.CreatePartnerCouponsReq(
            quota_id=q.quota_id, customer_ids=[cid], face_value=COUPON_FACE_VALUE,
            memo="sdk check %s" % rand_hex(6))))
        expect(not resp.error_details, "error_details %s" % [(e.error_code, e.error_msg, e.id) for e in resp.error_details])
        infos = resp.coupon_infos or []
        expect([c.id for c in infos] == [cid], "coupon_infos ids %r, expected [%s]" % ([c.id for c in infos], cid))
        expect(infos[0].coupon_id, "no coupon_id")
        ctx["coupon"] = (infos[0].coupon_id, cid, q.quota_type)
        # the distributor must not see / use the government partner's quota
        try:
            dist.create_partner_coupons(M.CreatePartnerCouponsRequest(body=M.CreatePartnerCouponsReq(
                quota_id=q.quota_id, customer_ids=[cid], face_value=COUPON_FACE_VALUE)))
            fail("distributor issued a coupon from the government partner's quota")
        except sdk_exc.ClientRequestException as e:
            expect(str(e.error_code).startswith("CBC."), "foreign quota error_code %r" % e.error_code)
        return Note("coupon %s to %s" % (infos[0].coupon_id, cid))

    r.run("create_partner_coupons", create_partner_coupons, (ctx.get("quota"), "usable coupon quota"))

    def list_issued_partner_coupons():
        resp = r.call(gov.list_issued_partner_coupons, M.ListIssuedPartnerCouponsRequest(offset=0, limit=100))
        expect(isinstance(resp.total_count, int), "total_count missing")
        for c in resp.user_coupons or []:
            expect(c.status in (1, 2, 3, 4, 5), "status %r" % c.status)
            expect(c.coupon_type in (None, 1, 4), "coupon_type %r" % c.coupon_type)
            expect(c.is_frozen in (None, "0", "1"), "is_frozen %r" % c.is_frozen)
        coupon = ctx.get("coupon")
        if coupon:
            one = r.call(gov.list_issued_partner_coupons, M.ListIssuedPartnerCouponsRequest(coupon_id=coupon[0]))
            rows = one.user_coupons or []
            expect(len(rows) == 1 and rows[0].coupon_id == coupon[0], "coupon_id filter -> %d rows" % len(rows))
            c = rows[0]
            expect(c.customer_id == coupon[1], "customer_id %r" % c.customer_id)
            expect(amount_of(c.face_value) == COUPON_FACE_VALUE, "face_value %r" % c.face_value)
            expect(c.status in (1, 2), "new coupon status %r (expected 1 or 2)" % c.status)
            expect(c.coupon_type == (4 if coupon[2] == 1 else 1),
                   "coupon_type %r for quota_type %r" % (c.coupon_type, coupon[2]))
            bycust = r.call(gov.list_issued_partner_coupons, M.ListIssuedPartnerCouponsRequest(customer_id=coupon[1], limit=100))
            for row in bycust.user_coupons or []:
                expect(row.customer_id == coupon[1], "customer_id filter ignored")
        return Note("%d coupons" % resp.total_count)

    r.run("list_issued_partner_coupons", list_issued_partner_coupons)

    def reclaim_partner_coupons():
        coupon_id = ctx["coupon"][0]
        resp = r.call(gov.reclaim_partner_coupons, M.ReclaimPartnerCouponsRequest(
            body=M.ReclaimPartnerCouponsReq(coupon_id=coupon_id)), ok_status=(200, 204), empty_ok=True)
        one = r.call(gov.list_issued_partner_coupons, M.ListIssuedPartnerCouponsRequest(coupon_id=coupon_id))
        rows = one.user_coupons or []
        expect(rows and rows[0].status == 5, "after reclaim status %r, expected 5" % (rows[0].status if rows else None))
        try:
            gov.reclaim_partner_coupons(M.ReclaimPartnerCouponsRequest(body=M.ReclaimPartnerCouponsReq(coupon_id=coupon_id)))
            fail("second reclaim of the same coupon succeeded")
        except sdk_exc.ClientRequestException as e:
            expect(str(e.error_code).startswith("CBC."), "second reclaim error_code %r" % e.error_code)
        return Note("HTTP %d" % resp.status_code)

    r.run("reclaim_partner_coupons", reclaim_partner_coupons, (ctx.get("coupon"), "issued coupon"))

    def list_issued_coupon_quotas():
        resp = r.call(dist.list_issued_coupon_quotas, M.ListIssuedCouponQuotasRequest(offset=0, limit=100))
        quotas = resp.quotas or []
        expect(isinstance(resp.total_count, int) and resp.total_count >= len(quotas), "total_count %r" % resp.total_count)
        expect(quotas, "no quota given to a reseller (the demo gives three)")
        for q in quotas:
            expect(q.indirect_partner_id and q.parent_quota_id, "quota without its reseller or parent")
            expect(amount_of(q.balance) <= amount_of(q.quota_value), "balance above the quota's value")
        one = r.call(dist.list_issued_coupon_quotas, M.ListIssuedCouponQuotasRequest(
            indirect_partner_id=quotas[0].indirect_partner_id))
        expect(all(q.indirect_partner_id == quotas[0].indirect_partner_id for q in one.quotas or []),
               "indirect_partner_id filter ignored")
        return Note("%d quotas given to resellers" % resp.total_count)

    r.run("list_issued_coupon_quotas", list_issued_coupon_quotas)

    def update_coupon_quotas():
        own = r.call(dist.list_quota_coupons, M.ListQuotaCouponsRequest(
            body=M.QueryCouponQuotasReqExt(offset=0, limit=100))).quotas or []
        usable = [q for q in own if q.quota_status == 0 and amount_of(q.balance) >= decimal.Decimal("12.34")]
        expect(usable, "the distributor has no usable quota to share out")
        q = usable[0]
        resellers = r.call(dist.list_indirect_partners, M.ListIndirectPartnersRequest(
            body=M.QueryIndirectPartnersReq(offset=0, limit=10))).indirect_partners or []
        expect(resellers, "the distributor has no reseller")
        reseller = resellers[0].indirect_partner_id
        stranger = "0123456789abcdef0123456789abcdef"
        resp = r.call(dist.update_coupon_quotas, M.UpdateCouponQuotasRequest(body=M.AdjustCouponQuotasReq(
            quota_id=q.quota_id, indirect_partner_ids=[reseller, stranger],
            quota_amount=decimal.Decimal("12.34"))))
        infos = resp.simple_quota_infos or []
        expect([i.id for i in infos] == [reseller], "simple_quota_infos ids %r" % [i.id for i in infos])
        expect(infos[0].quota_id, "no quota_id for the reseller")
        errors = resp.error_details or []
        expect([e.id for e in errors] == [stranger] and str(errors[0].error_code).startswith("CBC."),
               "error_details %r" % [(e.id, e.error_code) for e in errors])
        given = r.call(dist.list_issued_coupon_quotas, M.ListIssuedCouponQuotasRequest(quota_id=infos[0].quota_id))
        rows = given.quotas or []
        expect(len(rows) == 1 and amount_of(rows[0].quota_value) == decimal.Decimal("12.34")
               and rows[0].parent_quota_id == q.quota_id, "the quota given reads back %r" % rows)
        ctx["given_quota"] = infos[0].quota_id
        return Note("quota %s to %s; a stranger in error_details" % (infos[0].quota_id, reseller))

    r.run("update_coupon_quotas", update_coupon_quotas)

    def reclaim_coupon_quotas():
        quota_id = ctx["given_quota"]
        resp = r.call(dist.reclaim_coupon_quotas, M.ReclaimCouponQuotasRequest(body=M.ReclaimCouponQuotasReq(
            quota_ids=[quota_id], remark="sdk check")))
        infos = resp.simple_quota_infos or []
        expect([i.quota_id for i in infos] == [quota_id] and amount_of(infos[0].quota_balance) == 0,
               "simple_quota_infos %r" % [(i.quota_id, i.quota_balance) for i in infos])
        again = r.call(dist.reclaim_coupon_quotas, M.ReclaimCouponQuotasRequest(body=M.ReclaimCouponQuotasReq(
            quota_ids=[quota_id])))
        expect(not again.simple_quota_infos and [e.id for e in again.error_details or []] == [quota_id],
               "taking back twice: %r" % again)
        return Note("quota %s taken back; twice is refused per item" % quota_id)

    r.run("reclaim_coupon_quotas", reclaim_coupon_quotas, (ctx.get("given_quota"), "quota given"))

    def list_partner_coupons_record():
        resp = r.call(dist.list_partner_coupons_record, M.ListPartnerCouponsRecordRequest(limit=100))
        rows = resp.records or []
        expect(rows and resp.total_count >= len(rows), "no coupon records (the demo has issued coupons)")
        two = r.call(dist.list_partner_coupons_record, M.ListPartnerCouponsRecordRequest(
            operation_types=["2", "4"], limit=100))
        kinds = {x.operation_type for x in two.records or []}
        expect(kinds and kinds <= {"2", "4"}, "operation_types (repeated keys) filter: %r" % kinds)
        return Note("%d records; reclaimed by hand or at expiry: %d" % (resp.total_count, two.total_count))

    r.run("list_partner_coupons_record", list_partner_coupons_record)

    # ---------------- error paths ----------------
    def error_wrong_sk():
        bad = r.client(args.ak, args.sk[:-1] + ("X" if not args.sk.endswith("X") else "Y"), dist_domain)
        e = r.expect_error(bad.list_partner_balances, M.ListPartnerBalancesRequest(), 401, "APIGW.0301")
        expect(e.error_code == "APIGW.0301", "error_code %r" % e.error_code)
        e2 = r.expect_error(bad.list_sub_customers, M.ListSubCustomersRequest(
            body=M.QuerySubCustomerListReq(limit=10)), 401, "APIGW.0301")
        return Note("request_id %s" % (e.request_id or e2.request_id or "none (no X-Request-Id header)"))

    r.run("error_wrong_sk", error_wrong_sk)

    def error_unknown_ak():
        bad = r.client("SDKCHECKUNKNOWNAK000", args.sk, dist_domain)
        r.expect_error(bad.list_partner_balances, M.ListPartnerBalancesRequest(), 401, "APIGW.0301")

    r.run("error_unknown_ak", error_unknown_ak)

    def error_limit_101_sub_customers():
        e = r.expect_error(dist.list_sub_customers, M.ListSubCustomersRequest(
            body=M.QuerySubCustomerListReq(offset=0, limit=101)), 400, "CBC.")
        expect(e.request_id, "no X-Request-Id response header (SDK request_id is None)")
        return Note("%s %s" % (e.error_code, e.error_msg))

    r.run("error_limit_101(list_sub_customers)", error_limit_101_sub_customers)

    def error_limit_101_orders():
        e = r.expect_error(dist.list_customer_orders, M.ListCustomerOrdersRequest(offset=0, limit=101), 400, "CBC.")
        expect(e.request_id, "no X-Request-Id response header (SDK request_id is None)")
        return Note("%s %s" % (e.error_code, e.error_msg))

    r.run("error_limit_101(list_customer_orders)", error_limit_101_orders)

    # ---------------- the gateway: X-Domain-Id, temporary credentials, flow control ----------------
    def refused_for_domain(client, what):
        for fn, req in ((client.list_partner_balances, M.ListPartnerBalancesRequest()),
                        (client.list_sub_customers, M.ListSubCustomersRequest(
                            body=M.QuerySubCustomerListReq(limit=10)))):
            e = r.expect_error(fn, req, 401, "APIGW.0301")
            expect(e.error_code == "APIGW.0301", "%s: error_code %r" % (what, e.error_code))
            expect("X-Domain-Id" in (e.error_msg or ""), "%s: error_msg %r does not name X-Domain-Id"
                   % (what, e.error_msg))
        return e.error_msg

    def error_no_domain_id():
        # no region: the SDK makes no IAM call and sends no X-Domain-Id
        bare = r.client(args.ak, args.sk, region=False)
        expect(bare.get_credentials().domain_id is None, "the client has a domain id without a region")
        missing = refused_for_domain(bare, "no X-Domain-Id")
        # the same, signed by the SDK's signer and sent by hand: the raw answer
        resp = signed_get(args.endpoint, GlobalCredentials(args.ak, args.sk), "/v2/accounts/partner-accounts/balances")
        data = json_of(resp, "raw GET without X-Domain-Id")
        expect(resp.status_code == 401 and data.get("error_code") == "APIGW.0301"
               and "X-Domain-Id" in str(data.get("error_msg")), "raw GET without X-Domain-Id: HTTP %s %s"
               % (resp.status_code, data))
        refused_for_domain(r.client(args.ak, args.sk, "0" * 32), "X-Domain-Id of 32 zeros")
        other = refused_for_domain(r.client(args.ak, args.sk, gov_domain), "X-Domain-Id of another partner")
        return Note("%r; %r" % (missing, other))

    r.run("error_no_domain_id", error_no_domain_id)

    def temporary_credentials():
        asked = datetime.datetime.now(datetime.timezone.utc)
        cred = admin_request(args, "POST", "/mock/temporary-credentials",
                             {"ak": args.ak, "duration_seconds": 900}).get("credential") or {}
        for k in ("access", "secret", "securitytoken", "expires_at"):
            expect(isinstance(cred.get(k), str) and cred[k], "credential.%s missing: %r" % (k, cred))
        expect(cred["access"] != args.ak, "temporary access key is the permanent one")
        m = re.match(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$", cred["expires_at"])
        expect(m, "expires_at %r is not a UTC time" % cred["expires_at"])
        expires = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
        life = (expires - asked).total_seconds()
        expect(840 <= life <= 960, "expires_at %s is %d s away, expected about 900" % (cred["expires_at"], life))
        access, secret, token = cred["access"], cred["secret"], cred["securitytoken"]
        permanent = {b.account_id: amount_of(b.amount) for b in
                     r.call(dist.list_partner_balances, M.ListPartnerBalancesRequest()).account_balances or []}
        # GlobalCredentials(access, secret, domain_id).with_security_token(token)
        temp = r.client(access, secret, dist_domain, security_token=token)
        got = {b.account_id: amount_of(b.amount) for b in
               r.call(temp.list_partner_balances, M.ListPartnerBalancesRequest()).account_balances or []}
        expect(got == permanent, "balances with temporary credentials %s, with the permanent AK %s" % (got, permanent))
        # without a domain id the SDK asks IAM for it with the temporary credentials too
        via_iam = r.client(access, secret, security_token=token)
        expect(via_iam.get_credentials().domain_id == dist_domain, "IAM gave temporary credentials account %r, "
               "expected %s" % (via_iam.get_credentials().domain_id, dist_domain))
        r.call(via_iam.list_sub_customers, M.ListSubCustomersRequest(body=M.QuerySubCustomerListReq(limit=1)))
        # refused without their security token, or with another one
        r.expect_error(r.client(access, secret, dist_domain).list_partner_balances,
                       M.ListPartnerBalancesRequest(), 401, "APIGW.0301")
        r.expect_error(r.client(access, secret, dist_domain, security_token=token[:-1] + ("x" if token[-1] != "x" else "y"))
                       .list_partner_balances, M.ListPartnerBalancesRequest(), 401, "APIGW.0301")
        return Note("%s… until %s; refused without their token" % (access[:6], cred["expires_at"]))

    r.run("temporary_credentials", temporary_credentials,
          (args.admin_token, "admin token to get temporary credentials (--admin-token)"))

    def flow_control():
        # A burst on one API (the gateway counts per account and API): 10 a second pass.
        creds = GlobalCredentials(args.ak, args.sk, dist_domain)
        started = time.monotonic()
        answers = [signed_get(args.endpoint, creds, "/v2/bases/measurements") for _ in range(25)]
        took = time.monotonic() - started
        refused = [a for a in answers if a.status_code == 429]
        other = [a.status_code for a in answers if a.status_code not in (200, 429)]
        expect(not other, "burst answered %s" % other)
        retried = "; %d calls of the run answered 429 and tried again" % r.throttled if r.throttled else ""
        if not refused:
            return Note("25 calls in %.2f s, none refused: flow control off (--rate-limit 0)%s" % (took, retried))
        data = json_of(refused[0], "429")
        expect(data.get("error_code") == "APIGW.0308", "429 error_code %r" % data.get("error_code"))
        expect(data.get("error_msg"), "429 without error_msg")
        wait = refused[0].headers.get("Retry-After", "")
        expect(wait.isdigit() and int(wait) >= 1, "Retry-After %r" % wait)
        # The SDK's HTTP session hands a 429 to urllib3's Retry (HttpConfig.retry_times, 0 by
        # default): with no retries left a GET ends in RetryError, raised as 429 with
        # error_code "429" instead of the body's APIGW.0308 (a POST is never retried there).
        raw = dist._client
        sdk_seen = "the SDK's next call was not refused (bucket refilled)"
        try:
            raw.list_measure_units(M.ListMeasureUnitsRequest())
        except sdk_exc.ClientRequestException as e:
            expect(e.status_code == 429 and e.error_code in ("APIGW.0308", "429"),
                   "SDK: HTTP %s %s %s" % (e.status_code, e.error_code, e.error_msg))
            sdk_seen = "the SDK raised ClientRequestException 429 %s" % e.error_code
        # With retry_times the SDK itself waits Retry-After and gets through.
        patient = r.client(args.ak, args.sk, dist_domain, retry_times=3)._client
        t0 = time.monotonic()
        r.call(patient.list_measure_units, M.ListMeasureUnitsRequest())
        return Note("%d of 25 calls in %.2f s refused, Retry-After %s; %s; with retry_times=3 it waited "
                    "%.1f s and got through%s" % (len(refused), took, wait, sdk_seen, time.monotonic() - t0, retried))

    r.run("flow_control", flow_control)

    print("%s: %d failure(s)" % ("FAILED" if r.failures else "PASSED", r.failures), flush=True)
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
