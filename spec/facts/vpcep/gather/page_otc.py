"""Extract field facts from Open Telekom Cloud's English VPCEP API pages (reStructuredText grid tables).

Used as a second edition to cross-check the Huawei Cloud page and the SDK: names, locations,
types, requiredness and bold value lists only.
"""
import re

import sdk

API_DIR = "api-ref/source/apis/"
SCALARS = {"string", "integer", "int", "long", "boolean", "bool", "number", "object", "dict", "map"}


def request_line(text):
    m = re.search(r"^(GET|POST|PUT|DELETE|PATCH) (/\S*)", text, re.M)
    if not m:
        return None
    return m.group(1), m.group(2).split("?")[0]


def index(repo, commit):
    """'METHOD /path' -> page path."""
    out = {}
    for path in sdk.git_ls(repo, commit, API_DIR):
        if not path.endswith(".rst") or path.endswith("index.rst"):
            continue
        rl = request_line(sdk.git_show(repo, commit, path))
        if rl:
            out[f"{rl[0]} {rl[1]}"] = path
    return out


def grid_rows(lines):
    """Rows of an rst grid table as lists of cell texts."""
    border = lines[0].strip()
    cols = [i for i, ch in enumerate(border) if ch == "+"]
    rows, cur = [], None
    header = None
    for raw in lines:
        s = raw.strip()
        if s.startswith("+"):
            if cur is not None:
                if "=" in s and header is None:
                    header = cur
                else:
                    rows.append(cur)
            cur = [""] * (len(cols) - 1)
            continue
        if not s.startswith("|"):
            continue
        for k in range(len(cols) - 1):
            cell = s[cols[k] + 1:cols[k + 1]] if cols[k + 1] <= len(s) else s[cols[k] + 1:]
            cur[k] += cell.strip() + "\n"
    return [h.strip() for h in (header or [])], [[c.strip() for c in r] for r in rows]


def simple_rows(lines, j):
    """An rst simple table starting at border line j: (header, rows, index after the table)."""
    border = lines[j]
    indent = len(border) - len(border.lstrip())
    spans = [(m.start(), m.end()) for m in re.finditer(r"=+", border)]
    cols = [a for a, _ in spans]

    def cells(line):
        out = []
        for k, a in enumerate(cols):
            b = cols[k + 1] if k + 1 < len(cols) else None
            out.append(line[a:b].strip() if len(line) > a else "")
        return out

    header, rows, seen_borders = None, [], 1
    j += 1
    while j < len(lines) and seen_borders < 3:
        line = lines[j]
        if line.strip().startswith("=") and set(line.strip()) <= {"=", " "}:
            seen_borders += 1
        elif not line.strip():
            pass
        elif header is None:
            header = cells(line)
        else:
            c = cells(line)
            if c[0] or not rows:
                rows.append(c)
            else:
                rows[-1] = [x + "\n" + y for x, y in zip(rows[-1], c)]
        j += 1
    return header or [], rows, j


def parse(text):
    lines = text.split("\n")
    section = None
    tables = []
    anchor = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[i + 1].strip()) and line.strip() \
                and not line.startswith(" "):
            section = line.strip()
        m = re.match(r"\s*\.\. _([\w\-]+):\s*$", line)
        if m:
            anchor = m.group(1)
        m = re.match(r"\s*\.\. table:: \*\*Table \d+\*\*\s*(.*)", line)
        if m:
            title = m.group(1)
            j = i + 1
            while j < len(lines) and not lines[j].strip()[:1] in ("+", "="):
                j += 1
            start = j
            if j < len(lines) and lines[j].strip().startswith("="):
                header, rows, j = simple_rows(lines, j)
            else:
                while j < len(lines) and lines[j].strip()[:1] in ("+", "|"):
                    j += 1
                if j == start:
                    i = j
                    continue
                header, rows = grid_rows([l.strip() for l in lines[start:j]])
            tables.append({"anchor": anchor, "title": title, "section": section,
                           "header": header, "rows": rows})
            anchor = None
            i = j
            continue
        i += 1
    return flatten(tables)


def norm_type(t):
    low = " ".join(t.split()).lower()
    m = re.fullmatch(r"(?:list|array)<(\w+)>", low)
    if m:
        return "array<" + ({"string": "string", "integer": "integer"}.get(m.group(1), "object")) + ">"
    if low.startswith("array of") or low.startswith("list"):
        inner = low.replace("array of", "").replace("list", "").strip()
        inner = {"strings": "string", "string": "string", "integers": "integer",
                 "integer": "integer"}.get(inner, "object")
        return f"array<{inner}>"
    if low in ("object", "dict", "map") or low.endswith("object"):
        return "object"
    return {"string": "string", "integer": "integer", "int": "integer", "long": "integer(int64)",
            "boolean": "boolean", "bool": "boolean", "number": "number"}.get(low, low or "unknown")


def flatten(tables):
    refs = {}
    for t in tables:
        for r in t["rows"]:
            for a in re.findall(r":ref:`[^`<]*<([\w\-]+)>`", " ".join(r)):
                refs.setdefault(a, True)
    by_anchor = {t["anchor"]: t for t in tables if t["anchor"]}
    by_field = {}
    for t in tables:
        m = re.search(r"\*\*(\w+)\*\*", t["title"])
        if m:
            by_field.setdefault(m.group(1), t)
    for t in tables:
        for r in t["rows"]:
            for cell in r:
                m = re.fullmatch(r"(?:List|Array)<(\w+)>|(\w+)", " ".join(cell.split()))
                name = m and (m.group(1) or m.group(2))
                if name in by_field and by_field[name] is not t:
                    by_field[name]["typed_ref"] = True
    out = {"path": [], "query": [], "body": [], "response": []}

    def walk(t, prefix, seen):
        res = []
        h = [x.lower() for x in t["header"]]
        ci = {name: (h.index(name) if name in h else None) for name in ("parameter", "mandatory", "type",
                                                                         "description")}
        if ci["parameter"] is None:
            ci["parameter"] = 0
        for r in t["rows"]:
            name = r[ci["parameter"]].replace("\n", "").replace("\\", "").strip()
            if not name or " " in name:
                continue
            typ = norm_type(r[ci["type"]]) if ci["type"] is not None else None
            req = None
            if ci["mandatory"] is not None:
                req = r[ci["mandatory"]].lower().startswith("yes")
            desc = r[ci["description"]] if ci["description"] is not None else r[-1]
            listed = re.findall(r"^-\s+\*\*([A-Za-z0-9_.\-]+)\*\*\s*:", desc, re.M)
            item = {"path": prefix + name, "type": typ, "required": req}
            if listed:
                item["values_listed"] = listed
            res.append(item)
            raw = " ".join(r[ci["type"]].split()) if ci["type"] is not None else ""
            m = re.fullmatch(r"(?:List|Array)<(\w+)>|(\w+)", raw)
            tname = m and (m.group(1) or m.group(2))
            sub_t = by_field.get(tname) if tname and tname.lower() not in SCALARS else None
            if sub_t is not None and sub_t is not t and id(sub_t) not in seen:
                sub = prefix + name + ("[]" if (typ or "").startswith("array") else "")
                res.extend(walk(sub_t, sub + ".", seen | {id(sub_t)}))
            for a in re.findall(r":ref:`[^`<]*<([\w\-]+)>`", desc):
                if a in by_anchor and a not in seen and by_anchor[a] is not t:
                    sub = prefix + name + ("[]" if (typ or "").startswith("array") else "")
                    res.extend(walk(by_anchor[a], sub + ".", seen | {a}))
        return res

    for t in tables:
        if (t["anchor"] in refs or t.get("typed_ref")) and t["section"] != "URI":
            continue
        sec = (t["section"] or "").lower()
        title = t["title"].lower()
        if sec == "uri":
            kind = "query" if "query" in title else "path"
        elif sec == "request":
            kind = "body"
        elif sec == "response":
            kind = "response"
        else:
            continue
        if t["anchor"] in refs and sec == "uri" and kind == "path":
            pass
        out[kind].extend(walk(t, "", {t["anchor"]}))
    return out


def compare(op, name, path, facts, doc):
    """Record where this edition differs from the Huawei Cloud page / SDK facts in `doc`."""
    mine = {}
    for p in doc["parameters"]:
        mine[("param", p["name"])] = p
    if doc.get("request_body"):
        for f in doc["request_body"]["fields"]:
            mine[("body", f["path"])] = f
    ok = [g for g in doc["responses"] if g["statuses"][0] == "unknown" or g["statuses"][0] < 300]
    for g in ok[:1]:
        for f in g["fields"]:
            mine[("response", f["path"])] = f
    theirs = {}
    for loc in ("path", "query"):
        for f in facts[loc]:
            theirs[("param", f["path"])] = f
    body_loc = "body" if doc.get("request_body") else "param"
    for f in facts["body"]:
        theirs[(body_loc, f["path"])] = f
    for f in facts["response"]:
        theirs[("response", f["path"])] = f
    only_theirs = sorted(f"{k[0]} {k[1]}" for k in theirs if k not in mine)
    only_mine = sorted(f"{k[0]} {k[1]}" for k, v in mine.items()
                       if k not in theirs and not (k[0] == "param" and v.get("in") == "header")
                       and v.get("documented", True))
    diffs = []
    for k, f in theirs.items():
        m = mine.get(k)
        if not m:
            continue
        where = f"{'parameter' if k[0] == 'param' else k[0]} {k[1]}"
        if f["type"] and m.get("type") and f["type"].split("(")[0] != m["type"].split("(")[0]:
            diffs.append({"kind": "type", "where": where, "this_edition": f["type"], "huawei_page_or_sdk": m["type"]})
        if f["required"] is not None and "required" in m and f["required"] != m["required"]:
            diffs.append({"kind": "required", "where": where, "this_edition": f["required"],
                          "huawei_page_or_sdk": m["required"]})
        mine_vals = (m.get("constraints") or {}).get("values_listed") or (m.get("sdk") if isinstance(m.get("sdk"), dict) else {}).get("enum")
        if f.get("values_listed") and mine_vals and sorted(map(str, f["values_listed"])) != sorted(map(str, mine_vals)):
            diffs.append({"kind": "enum", "where": where, "this_edition": f["values_listed"],
                          "huawei_page_or_sdk": mine_vals})
    entry = {"repo": name and {"otc": "opentelekomcloud-docs/vpc-endpoint",
                                "otc-swiss": "opentelekomcloud-docs-swiss/vpc-endpoint"}[name],
             "path": path}
    if only_theirs:
        entry["only_in_this_edition"] = only_theirs
    if only_mine:
        entry["not_in_this_edition"] = only_mine
    if diffs:
        entry["differences"] = diffs
    doc.setdefault("other_editions", []).append(entry)
    for d in diffs:
        c = {"kind": d["kind"], "where": d["where"], "edition": entry["repo"], "edition_value": d["this_edition"],
             "huawei_page_or_sdk": d["huawei_page_or_sdk"]}
        op.contradictions.append(c)
