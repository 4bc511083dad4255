"""The reference push loop the push benchmark compares PushMetadata and PushQueryLogs with.

It does only what the loops of Monte Carlo's published push templates do: read the whole
manifest with json.load, send its events in fixed batches of 500, one request at a time with
requests, without validating the events or checking the size of a request. A refused request
is counted and the loop goes on (exit 0), as those loops do.

Usage: python3 reference_push.py MANIFEST   (MCD_INGEST_ID, MCD_INGEST_TOKEN,
MCD_RESOURCE_UUID and MCD_API_ENDPOINT from the environment)
"""
import json
import os
import sys

import requests

BATCH = 500

with open(sys.argv[1], encoding="utf-8") as f:
    manifest = json.load(f)

endpoint = os.environ["MCD_API_ENDPOINT"].rstrip("/")
headers = {
    "x-mcd-id": os.environ["MCD_INGEST_ID"],
    "x-mcd-token": os.environ["MCD_INGEST_TOKEN"],
    "Content-Type": "application/json",
}
uuid = os.environ["MCD_RESOURCE_UUID"]
if manifest["flow"] == "metadata":
    url = endpoint + "/ingest/v1/metadata"
    resource = {"uuid": uuid, "resource_type": manifest["resource_type"]}
    event_type = "METADATA"
    events = [{"relational_asset": asset} for asset in manifest["events"]]
else:
    url = endpoint + "/ingest/v1/querylogs"
    resource = {"uuid": uuid, "log_type": manifest["log_type"]}
    event_type = "QUERY_LOG"
    events = manifest["events"]

session = requests.Session()
refused = 0
for start in range(0, len(events), BATCH):
    body = {"event_type": event_type, "resource": resource, "events": events[start:start + BATCH]}
    response = session.post(url, data=json.dumps(body), headers=headers, timeout=60)
    if response.status_code >= 300:
        refused += 1
        print("batch at", start, "refused:", response.status_code, file=sys.stderr)
print("sent", len(events), "events,", refused, "requests refused")
