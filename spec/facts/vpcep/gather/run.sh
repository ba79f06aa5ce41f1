#!/bin/sh
# Regenerate the facts files from local mirrors (paths as the search tool's fetch places them).
set -e
export PYTHONDONTWRITEBYTECODE=1
M=${MIRRORS:-/work/.mirror}
cd "$(dirname "$0")"
python3 build.py \
  --sdk "$M/huaweicloud+huaweicloud-sdk-go-v3/repo" \
  --sdk-node "$M/huaweicloud+huaweicloud-sdk-nodejs-v3/repo" \
  --docs "$M/huaweicloudDocs+vpcep/repo" \
  --otc "$M/opentelekomcloud-docs+vpc-endpoint/repo" \
  --otc-swiss "$M/opentelekomcloud-docs-swiss+vpc-endpoint/repo" \
  --spec ../../../vpcep
