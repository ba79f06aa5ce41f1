"""Write spec/facts/vpcep/<OperationId>.yaml from local git mirrors of the vendor's public sources.

Usage: python3 build.py --sdk <go-sdk git dir> --docs <huaweicloudDocs/vpcep git dir>
                        [--otc <opentelekomcloud-docs/vpc-endpoint git dir>]
                        [--otc-swiss <opentelekomcloud-docs-swiss/vpc-endpoint git dir>]
The mirrors are read with `git show`; nothing from them is written except extracted facts.
Hand-written parts (summaries, notes, spec comparison) live in curated.py.
"""
import argparse
import os
import re
import subprocess
import sys

import yaml

import curated
import page_cn
import page_otc
import sdk
import sdk_node
import spec_compare

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
DOCS_DIR = "cn.zh-cn/接口参考/"
REPOS = {"sdk": "huaweicloud/huaweicloud-sdk-go-v3", "sdk-node": "huaweicloud/huaweicloud-sdk-nodejs-v3", "docs": "huaweicloudDocs/vpcep",
         "otc": "opentelekomcloud-docs/vpc-endpoint", "otc-swiss": "opentelekomcloud-docs-swiss/vpc-endpoint"}
STATUS_TEXT = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 300: "Multiple Choices",
               301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
               305: "Use Proxy", 306: "Unused", 307: "Temporary Redirect", 400: "Bad Request",
               401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
               405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
               408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required",
               412: "Precondition Failed", 413: "Payload Too Large", 414: "URI Too Long",
               415: "Unsupported Media Type", 416: "Range Not Satisfiable", 417: "Expectation Failed",
               422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
               501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
               504: "Gateway Timeout", 505: "HTTP Version Not Supported"}


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def head(repo):
    return subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], check=True,
                          capture_output=True).stdout.decode().strip()


def base(t):
    return re.sub(r"\(.*\)", "", t or "")


def src(kind, name, path, commit):
    return {"repo": REPOS[name], "path": path, "commit": commit, "kind": kind}


def docs_index(repo, commit):
    """OperationId -> page path, from the API Explorer link each page carries."""
    out = {}
    for path in sdk.git_ls(repo, commit, DOCS_DIR):
        if not path.endswith(".md"):
            continue
        text = sdk.git_show(repo, commit, path)
        m = re.search(r"product=VPCEP&api=(\w+)", text)
        if m:
            out[m.group(1)] = path
    return out


def service_error_codes(repo, commit):
    text = sdk.git_show(repo, commit, DOCS_DIR + "错误码.md")
    codes = []
    for tr in re.split(r"<tr[ >]", text)[1:]:
        cells = [page_cn.text_of(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if len(cells) >= 2 and re.fullmatch(r"\d{3}", cells[0]):
            codes.append({"status": int(cells[0]), "code": cells[1]})
    return codes


def clean_constraints(c):
    return {k: v for k, v in c.items() if v not in (None, [], {})}


def enum_differs(listed, enum):
    return sorted(map(str, listed)) != sorted(map(str, enum))


class Op:
    def __init__(self, op_id, meta, models, page, commits, otc_pages):
        self.id = op_id
        self.meta = meta
        self.models = models
        self.page = page          # (path, flattened, examples, codes) or None
        self.commits = commits
        self.otc = otc_pages       # list of (name, path, facts)
        self.contradictions = []

    def note(self, kind, where, page=None, sdk_value=None, **extra):
        c = {"kind": kind, "where": where}
        if page is not None:
            c["page"] = page
        if sdk_value is not None:
            c["sdk"] = sdk_value
        if "node" in extra:
            c["sdk_node"] = extra.pop("node")
        c.update(extra)
        self.contradictions.append(c)

    # --- SDK side -------------------------------------------------------------------------------
    def sdk_request(self):
        struct = self.models.structs.get(self.id + "Request")
        fields = {}
        body_type = None
        if struct:
            for go_field, go_type, jname, omit in struct[1]:
                if jname == "body":
                    body_type = go_type.lstrip("*")
                    continue
                ftype, enum, _ = self.models.describe(go_type)
                fields[jname] = {"type": ftype, "required": not omit,
                                 "enum": enum}
        locs = {f["name"]: f["in"] for f in self.meta["fields"] if f["name"]}
        params = {}
        for name, f in fields.items():
            params[(name, locs.get(name, "unknown"))] = f
        body = self.models.flatten(body_type) if body_type else {}
        return params, body, body_type

    def sdk_response(self):
        return self.models.flatten(self.id + "Response")

    # --- merge ----------------------------------------------------------------------------------
    def parameters(self, sdk_params):
        out = []
        page_params = []
        if self.page:
            f = self.page[1]
            for loc in ("path", "query", "header"):
                for p in f[loc]:
                    page_params.append((p["path"], loc, p))
        seen = set()
        for name, loc, p in page_params:
            seen.add((name, loc))
            item = {"name": name, "in": loc, "type": p["type"], "required": bool(p["required"])}
            cons = clean_constraints(p["constraints"])
            if cons:
                item["constraints"] = cons
            s = sdk_params.get((name, loc))
            if s:
                item["sdk"] = {"type": s["type"], "required": s["required"]}
                if s["enum"]:
                    item["sdk"]["enum"] = s["enum"]
                self.compare(f"parameter {loc} {name}", item, s, request=True)
            elif loc == "path" and name == "project_id":
                item["sdk"] = {"note": "filled in by the SDK client from its credentials"}
            elif loc == "header" and name == "X-Auth-Token":
                item["sdk"] = {"note": "set by the SDK's signer, not a request field"}
            else:
                item["sdk"] = "absent"
                self.note("presence", f"parameter {loc} {name}", page="documented", sdk_value="absent")
            out.append(item)
        for name in re.findall(r"\{(\w+)\}", self.meta["path"]):
            if (name, "path") not in seen and (name, "path") not in sdk_params:
                seen.add((name, "path"))
                out.append({"name": name, "in": "path", "type": "string", "required": True,
                            "documented": bool(self.page),
                            "sdk": {"note": "in the SDK's path template; filled in by the SDK client"}})
        for (name, loc), s in sdk_params.items():
            if (name, loc) in seen:
                continue
            item = {"name": name, "in": loc, "type": s["type"], "required": s["required"],
                    "documented": False, "sdk": {"type": s["type"], "required": s["required"]}}
            if s["enum"]:
                item["sdk"]["enum"] = s["enum"]
            out.append(item)
            if self.page:
                self.note("presence", f"parameter {loc} {name}", page="absent", sdk_value="present")
        return out

    def compare(self, where, item, s, request):
        if base(item["type"]) != base(s["type"]):
            self.note("type", where, page=item["type"], sdk_value=s["type"])
        if request and bool(item.get("required")) != s["required"]:
            self.note("required", where, page=bool(item.get("required")), sdk_value=s["required"])
        cons = item.get("constraints", {})
        listed = cons.get("values_listed") or cons.get("enum")
        if s.get("enum") and listed and enum_differs(listed, s["enum"]):
            self.note("enum", where, page=listed, sdk_value=s["enum"])
        if listed and "gataway" in listed and not s.get("enum"):
            self.note("enum", where, page=listed, sdk_value="no enum in the SDK model",
                      note="'gataway' is a misspelling of 'gateway' (the SDK's service_type enum and the "
                           "English editions say gateway)")
        if s.get("enum") and not listed:
            self.note("enum", where, page="no value list", sdk_value=s["enum"])
        rp = cons.get("range_in_prose")
        if rp and (("minimum" in cons and cons["minimum"] != rp[0]) or ("maximum" in cons and cons["maximum"] != rp[1])):
            self.note("constraint", where, page=f"prose gives {rp[0]}..{rp[1]}, the limit markers give "
                      f"{cons.get('minimum')}..{cons.get('maximum')}")
        if base(item["type"]).startswith("integer") and ("minLength" in cons or "maxLength" in cons):
            self.note("constraint", where, page="length bounds on an integer "
                      f"({cons.get('minLength')}..{cons.get('maxLength')}); read as a value range")

    def fields(self, page_fields, sdk_fields, label, request, sdk_model=True):
        out = []
        seen = set()
        for p in page_fields:
            path = p["path"]
            seen.add(path)
            item = {"path": path, "type": p["type"]}
            if request:
                item["required"] = bool(p["required"])
            cons = clean_constraints(p["constraints"])
            if cons:
                item["constraints"] = cons
            s = sdk_fields.get(path)
            if s:
                sd = {"type": s["type"]}
                if request:
                    sd["required"] = s["required"]
                if s["enum"]:
                    sd["enum"] = s["enum"]
                if sd != {k: item.get(k) for k in sd} or s["enum"]:
                    item["sdk"] = sd
                self.compare(f"{label} {path}", item, s, request)
            elif sdk_model:
                item["sdk"] = "absent"
                self.note("presence", f"{label} {path}", page="documented", sdk_value="absent")
            out.append(item)
        for path, s in sdk_fields.items():
            if path in seen:
                continue
            item = {"path": path, "type": s["type"], "documented": False}
            if request:
                item["required"] = s["required"]
            if s["enum"]:
                item["sdk"] = {"enum": s["enum"]}
            out.append(item)
            if self.page:
                self.note("presence", f"{label} {path}", page="absent", sdk_value="present")
        return out

    def example_checks(self, body_fields, resp_fields_by_status):
        if not self.page:
            return {}
        examples = self.page[2]
        shapes = {}
        for block in examples["request"]:
            value, err = page_cn.example_json(block)
            if err:
                self.note("example", "request example", page=err)
            if value is not None:
                shapes["request"] = self.check_shape(value, body_fields, "request example")
        ok = sorted(s for s in resp_fields_by_status if isinstance(s, int) and 0 < s < 300)
        for status, blocks in examples["response"].items():
            if status is None and ok:
                status = ok[0]
            for block in blocks:
                value, err = page_cn.example_json(block)
                if err:
                    self.note("example", f"response {status} example", page=err)
                if value is not None:
                    shapes[status] = self.check_shape(value, resp_fields_by_status.get(status, []),
                                                      f"response {status} example")
        return shapes

    def check_shape(self, value, fields, label):
        shape = page_cn.json_shape(value)
        declared = {f["path"]: f["type"] for f in fields}
        for path, jt in shape.items():
            if path not in declared:
                if declared:
                    self.note("example", f"{label}: {path}", page=f"example has {path} ({jt}), "
                              "the parameter table does not")
                continue
            t = base(declared[path])
            ok = (jt == "null" or t == "any" or
                  (t == jt) or (t == "number" and jt == "integer") or
                  (t.startswith("array") and jt == "array") or (t.startswith("object") and jt == "object"))
            if not ok:
                self.note("example", f"{label}: {path}", page=f"table says {declared[path]}, example value is {jt}")
        return sorted(shape)

    def build(self):
        c = self.commits
        sources = [src("sdk-meta", "sdk", sdk.META, c["sdk"])]
        sdk_params, sdk_body, body_type = self.sdk_request()
        files = {self.models.file_of(self.id + "Request"), self.models.file_of(self.id + "Response")}
        if body_type:
            files.add(self.models.file_of(body_type))
        for t in sorted(self.nested_types(body_type) | self.nested_types(self.id + "Response")
                        | self.nested_types(self.id + "Request")):
            files.add(self.models.file_of(t))
        for f in sorted(x for x in files if x):
            sources.append(src("sdk-model", "sdk", f, c["sdk"]))
        web = curated.WEB_PAGES.get(self.id) if self.page is None else None
        if web:
            self.page = (None, web["facts"], {"request": [], "response": {}}, web["status_codes"])
            for w in web["sources"]:
                sources.insert(0, dict(w, kind="page"))
        elif self.page:
            sources.insert(0, src("page", "docs", self.page[0], c["docs"]))
        for name, path, _ in self.otc:
            sources.append(src("page", name, path, c[name]))

        doc = {"operationId": self.id, "method": self.meta["method"], "path": self.meta["path"],
               "summary_en": curated.SUMMARIES[self.id]}
        if self.page is None and self.id not in curated.WEB_PAGES:
            doc["documented"] = False
        doc["sources"] = sources
        if self.page and self.page[0]:
            page_path = re.search(r"^(GET|POST|PUT|DELETE|PATCH) (\S+)", sdk.git_show(
                args.docs, c["docs"], self.page[0]), re.M)
            if page_path:
                pm, pp = page_path.group(1), page_path.group(2).replace("\\", "")
                if pm != self.meta["method"] or pp != self.meta["path"]:
                    self.note("path", "method and path", page=f"{pm} {pp}",
                              sdk_value=f"{self.meta['method']} {self.meta['path']}")
        doc["request_content_type"] = {"sdk": self.meta["content_type"]} if self.meta["content_type"] else None
        doc["parameters"] = self.parameters(sdk_params)
        page_body = self.page[1]["body"] if self.page else []
        body = self.fields(page_body, sdk_body, "request body", request=True) if (page_body or sdk_body) else []
        doc["request_body"] = {"sdk_model": body_type, "fields": body} if body else None
        resp_sdk = self.sdk_response()
        responses = []
        by_status = {}
        page_resp = self.page[1]["response"] if self.page else {}
        page_ok = [s for s in (self.page[3] if self.page else []) if s < 300]
        statuses = sorted(set(page_resp) | ({min(page_ok)} if page_ok else set()))
        if not [s for s in statuses if s < 300]:
            # no documented success status: keep the SDK's response model under "unknown"
            doc["success_status"] = "unknown"
            statuses = statuses + [0]
        success = [s for s in statuses if s < 300]
        label = {0: "unknown"}
        for status in statuses:
            pf = page_resp.get(status, [])
            if status in success:
                fields = self.fields(pf, resp_sdk, f"response {label.get(status, status)}", request=False)
            else:
                fields = self.fields(pf, {}, f"response {status}", request=False, sdk_model=False)
            by_status[status] = fields
        # error bodies repeat per status on the pages: group identical ones
        groups = []
        for status in statuses:
            fields = by_status[status]
            headers = (self.page[1]["response_header"].get(status) if self.page else None)
            entry = {"fields": fields}
            if headers:
                entry["headers"] = [{"name": h["path"], "type": h["type"]} for h in headers]
            for g in groups:
                if g["fields"] == fields and g.get("headers") == entry.get("headers") and status >= 300:
                    g["statuses"].append(status)
                    break
            else:
                entry = {"statuses": [status], **entry}
                groups.append(entry)
        for g in groups:
            g["statuses"] = [label.get(x, x) for x in g["statuses"]]
            if not g["fields"]:
                g["fields"] = []
                g["body"] = "none documented"
        doc["responses"] = groups
        if self.page:
            codes = self.page[3]
            doc["status_codes"] = [{"code": s, "meaning": STATUS_TEXT.get(s, "")} for s in codes]
            for s in page_resp:
                if s not in codes:
                    self.note("status", f"response {s}", page="body table present but status not in the status-code table")
            if self.page[0]:
                doc["error_codes"] = {"page": "refers to the service-wide list", "file": "_error-codes.yaml"}
            ex = self.example_checks(body if body else [], by_status)
            if ex:
                doc["examples"] = {("request" if k == "request" else f"response_{k}"): {"fields": v}
                                   for k, v in ex.items()}
        doc["pagination"] = self.pagination(doc["parameters"], by_status.get(success[0] if success else 200, []))
        for name, path, facts in self.otc:
            page_otc.compare(self, name, path, facts, doc)
        if NODE:
            self.node_check(doc, sdk_params, sdk_body, resp_sdk, sources)
        extra = curated.NOTES.get(self.id, {})
        for c2 in extra.get("contradictions", []):
            self.contradictions.append(c2)
        if "notes" in extra:
            doc["notes"] = extra["notes"]
        doc["contradictions"] = self.contradictions
        if args.spec:
            spec_compare.compare(doc, args.spec)
        return {k: v for k, v in doc.items() if v is not None}

    def node_check(self, doc, go_params, go_body, go_resp, sources):
        client, models = NODE
        c = self.commits["sdk-node"]
        op = client.get(self.id)
        if not op:
            self.note("sdk-node", "operation", sdk_value="in the Go SDK", node="absent from the Node SDK")
            return
        sources.append(src("sdk-meta", "sdk-node", sdk_node.CLIENT, c))
        for cls in (self.id + "Request", models.body_class(self.id), self.id + "Response"):
            if cls and cls in models.classes:
                sources.append(src("sdk-model", "sdk-node", models.classes[cls][0], c))
        if (op["method"], op["path"]) != (self.meta["method"], self.meta["path"]):
            self.note("sdk-node", "method and path", sdk_value=f"{self.meta['method']} {self.meta['path']}",
                      node=f"{op['method']} {op['path']}")
        go_query = sorted(n for (n, loc) in go_params if loc == "query")
        if go_query != op["query"]:
            self.note("sdk-node", "query parameters", sdk_value=go_query, node=op["query"])

        def diff(label, go, node, request):
            for p in sorted(set(go) - set(node)):
                self.note("sdk-node", f"{label} {p}", sdk_value="present", node="absent")
            for p in sorted(set(node) - set(go)):
                self.note("sdk-node", f"{label} {p}", sdk_value="absent", node="present")
            if request:
                for p in sorted(set(go) & set(node)):
                    if go[p]["required"] != node[p]["required"]:
                        self.note("sdk-node", f"{label} {p} required", sdk_value=go[p]["required"],
                                  node=node[p]["required"])

        bc = models.body_class(self.id)
        if bc or go_body:
            diff("request body", go_body, models.flatten(bc) if bc else {}, True)
        diff("response", go_resp, models.flatten(self.id + "Response"), False)

    def nested_types(self, tname, seen=None):
        seen = set() if seen is None else seen
        if not tname or tname in seen:
            return seen
        if tname in self.models.enums:
            return seen
        if tname not in self.models.structs:
            return seen
        seen.add(tname)
        for _, go_type, _, _ in self.models.structs[tname][1]:
            t = go_type.lstrip("*").replace("[]", "").lstrip("*")
            if t in self.models.structs:
                self.nested_types(t, seen)
        return seen

    def pagination(self, params, resp_fields):
        names = {p["name"] for p in params if p["in"] == "query"}
        arrays = [f["path"] for f in resp_fields if "." not in f["path"] and f["type"].startswith("array")]
        total = [f["path"] for f in resp_fields if f["path"] in ("total_count", "count")]
        if {"limit", "offset"} <= names:
            lim = next(p for p in params if p["name"] == "limit")
            out = {"style": "offset", "limit": "limit", "offset": "offset"}
            if arrays:
                out["items"] = arrays[0]
            if total:
                out["total"] = total[0]
            cons = lim.get("constraints", {})
            if "maximum" in cons:
                out["max_limit"] = cons["maximum"]
            elif "range_in_prose" in cons:
                out["max_limit"] = cons["range_in_prose"][1]
                out["max_limit_from"] = "prose"
            if "default" in cons:
                out["default_limit"] = cons["default"]
            elif "default_in_prose" in cons:
                out["default_limit"] = cons["default_in_prose"]
                out["default_limit_from"] = "prose"
            return out
        if "marker" in names:
            return {"style": "marker"}
        if self.id in curated.BODY_PAGINATION:
            return curated.BODY_PAGINATION[self.id]
        return {"style": "none"}


def main():
    global args
    ap = argparse.ArgumentParser()
    ap.add_argument("--sdk", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--sdk-node")
    ap.add_argument("--otc")
    ap.add_argument("--otc-swiss")
    ap.add_argument("--spec", help="spec/vpcep directory to compare against (optional)")
    args = ap.parse_args()
    commits = {"sdk": head(args.sdk), "docs": head(args.docs)}
    otc_index = {}
    for name, repo in (("otc", args.otc), ("otc-swiss", args.otc_swiss)):
        if repo:
            commits[name] = head(repo)
            otc_index[name] = (repo, page_otc.index(repo, commits[name]))
    meta = sdk.read_meta(args.sdk, commits["sdk"])
    global NODE
    NODE = None
    if args.sdk_node:
        commits["sdk-node"] = head(args.sdk_node)
        NODE = (sdk_node.read_client(args.sdk_node, commits["sdk-node"]),
                sdk_node.Models(args.sdk_node, commits["sdk-node"]))
        missing = sorted(set(meta) ^ set(NODE[0]))
        if missing:
            print(f"operations in only one SDK: {missing}", file=sys.stderr)
    models = sdk.Models(args.sdk, commits["sdk"])
    pages = docs_index(args.docs, commits["docs"])
    written = []
    for op_id in sorted(meta):
        page = None
        if op_id in pages:
            md = sdk.git_show(args.docs, commits["docs"], pages[op_id])
            tables, examples, codes = page_cn.parse(md)
            page = (pages[op_id], page_cn.flatten(tables), examples, codes)
        otc = []
        for name, (repo, idx) in otc_index.items():
            path = idx.get(f"{meta[op_id]['method']} {meta[op_id]['path']}")
            if not path:
                continue
            otc.append((name, path, page_otc.parse(sdk.git_show(repo, commits[name], path))))
        doc = Op(op_id, meta[op_id], models, page, commits, otc).build()
        with open(os.path.join(OUT, op_id + ".yaml"), "w", encoding="utf-8") as fh:
            fh.write("# Facts gathered from the vendor's public SDK and API pages; see README.md.\n")
            yaml.dump(doc, fh, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=110)
        written.append(op_id)
    with open(os.path.join(OUT, "_error-codes.yaml"), "w", encoding="utf-8") as fh:
        fh.write("# Service-wide error codes (status, code) from the vendor's error-code page; see README.md.\n")
        yaml.safe_dump({"sources": [src("page", "docs", DOCS_DIR + "错误码.md", commits["docs"])],
                        "error_codes": service_error_codes(args.docs, commits["docs"])},
                       fh, allow_unicode=True, sort_keys=False, width=110)
    with open(os.path.join(OUT, "_commits.yaml"), "w", encoding="utf-8") as fh:
        yaml.safe_dump({"commits": {REPOS[k]: v for k, v in commits.items()}}, fh, sort_keys=False)
    print(f"{len(written)} operations written; {len(pages)} documented pages", file=sys.stderr)


if __name__ == "__main__":
    main()
