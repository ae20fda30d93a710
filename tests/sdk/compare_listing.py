#!/usr/bin/env python3
"""Side by side: `partner-console orders list --json` against the same listing done with
Huawei's official Python SDK (huaweicloudsdkbss), each as a fresh process, as a script
would run them. Both must return the same order ids; prints median wall-clock times.

    python3 -m venv /tmp/sdkvenv && /tmp/sdkvenv/bin/pip install huaweicloudsdkbss
    cargo build --release
    ./target/release/partner-console mock --listen 127.0.0.1:18181 &
    /tmp/sdkvenv/bin/python tests/sdk/compare_listing.py --endpoint http://127.0.0.1:18181

Listings: one page of 100 orders, and every page (100 each) of the orders with
`--status` (default 6, pending payment).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

DEMO_AK = "DEMODISTRIBUTORAK001"
DEMO_SK = "demo-distributor-sk-0000000000000000000001"


def sdk_listing(endpoint, ak, sk, status, all_pages):
    """The listing through the SDK; prints the order ids as JSON."""
    from huaweicloudsdkcore.auth.credentials import GlobalCredentials
    from huaweicloudsdkcore.http.http_config import HttpConfig
    from huaweicloudsdkbss.v2 import BssClient
    from huaweicloudsdkbss.v2 import model as M
    import logging

    logging.getLogger("HuaweiCloud-SDK-BssClient").addHandler(logging.NullHandler())
    cfg = HttpConfig.get_default_config()
    client = (BssClient.new_builder().with_http_config(cfg)
              .with_credentials(GlobalCredentials(ak, sk))
              .with_endpoints([endpoint]).build())
    ids, offset = [], 0
    while True:
        req = M.ListCustomerOrdersRequest(limit=100, offset=offset, status=status)
        resp = client.list_customer_orders(req)
        page = resp.order_infos or []
        ids.extend(o.order_id for o in page)
        offset += len(page)
        if not all_pages or not page or offset >= resp.total_count:
            break
    print(json.dumps(ids))


def run(cmd, env=None):
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - started, out.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--binary", default="target/release/partner-console")
    p.add_argument("--ak", default=DEMO_AK)
    p.add_argument("--sk", default=DEMO_SK)
    p.add_argument("--status", type=int, default=6)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--sdk-once", choices=["page", "all"], help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.sdk_once:
        sdk_listing(a.endpoint, a.ak, a.sk, a.status if a.sdk_once == "all" else None,
                    a.sdk_once == "all")
        return

    env = dict(os.environ, HUAWEICLOUD_SDK_AK=a.ak, HUAWEICLOUD_SDK_SK=a.sk,
               HOME=os.environ.get("TMPDIR", "/tmp"))
    listings = {
        "one page of 100": (["orders", "list", "--limit", "100", "--json"], "page"),
        f"every page of status {a.status}": (
            ["orders", "list", "--limit", "100", "--status", str(a.status), "--all", "--json"], "all"),
    }
    for name, (cli_args, mode) in listings.items():
        cli_times, sdk_times = [], []
        for _ in range(a.runs):
            t, out = run([a.binary, *cli_args, "--endpoint", a.endpoint], env)
            cli_ids = [o["order_id"] for o in json.loads(out)["orders"]]
            cli_times.append(t)
            t, out = run([sys.executable, __file__, "--endpoint", a.endpoint, "--ak", a.ak,
                          "--sk", a.sk, "--status", str(a.status), "--sdk-once", mode])
            sdk_ids = json.loads(out)
            sdk_times.append(t)
            if cli_ids != sdk_ids:
                sys.exit(f"{name}: the two listings differ ({len(cli_ids)} vs {len(sdk_ids)} orders)")
        print(f"{name} ({len(cli_ids)} orders, same ids from both, {a.runs} runs): "
              f"partner-console median {statistics.median(cli_times) * 1e3:.0f} ms, "
              f"Python SDK median {statistics.median(sdk_times) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
