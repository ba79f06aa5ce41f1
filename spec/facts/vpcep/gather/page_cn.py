"""Extract parameter and field facts from a Chinese API page (Markdown with HTML tables).

Facts only: names, locations, types, requiredness, constraint markers, listed values,
status codes, error codes and the key/type shape of the JSON examples. No sentences.
"""
import html
import json
import re

ROOTS = [("路径参数", "path"), ("Query参数", "query"), ("请求Header参数", "header"),
         ("请求Body参数", "body"), ("响应Body参数", "response"), ("响应Header参数", "response_header")]
MARKERS = {"最小值": "minimum", "最大值": "maximum", "最小长度": "minLength",
           "最大长度": "maxLength", "缺省值": "default", "枚举值": "enum"}


def text_of(cell):
    s = re.sub(r"<br\s*/?>", " ", cell)
    s = re.sub(r"</p>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    return html.unescape(s).replace("\\_", "_").strip()


def norm_type(t):
    t = t.strip()
    low = t.lower()
    m = re.match(r"array of (\w+)", low)
    if m:
        inner = m.group(1)
        inner = {"strings": "string", "string": "string", "integers": "integer", "integer": "integer",
                 "objects": "object", "booleans": "boolean"}.get(inner, "object")
        return f"array<{inner}>"
    if low.endswith(" object") or low == "object":
        return "object"
    return {"string": "string", "integer": "integer", "long": "integer(int64)", "boolean": "boolean",
            "number": "number", "float": "number", "double": "number"}.get(low, low)


def parse_constraints(desc_html):
    cons = {}
    for label, value in re.findall(r"<p>([^<：]{1,6})：<strong>(.*?)</strong></p>", desc_html):
        key = MARKERS.get(label)
        if not key:
            continue
        v = html.unescape(value).replace("\\_", "_")
        if key in ("minimum", "maximum", "minLength", "maxLength") and re.fullmatch(r"-?\d+", v):
            v = int(v)
        elif key == "default" and v in ("true", "false"):
            v = v == "true"
        elif key == "default" and re.fullmatch(r"-?\d+", v):
            v = int(v)
        elif key == "enum":
            v = [x.strip() for x in v.split(",")]
        cons[key] = v
    # Values the prose lists with bullets ("● value：..."): a closed list only if the page says so.
    body = text_of(re.sub(r"<p>[^<：]{1,6}：<strong>.*?</strong></p>", "", desc_html))
    listed = re.findall(r"[●•]\s*([A-Za-z0-9_.\-]+)\s*[：:]", body)
    if listed:
        cons["values_listed"] = listed
    for m in re.finditer(r"取值范围[：:]?\s*(-?\d+)\s*[~～\-]\s*(-?\d+)", body):
        cons["range_in_prose"] = [int(m.group(1)), int(m.group(2))]
    m = re.search(r"默认(?:值)?(?:为|是)\s*[“\"]?([A-Za-z0-9_.\-]+)", body)
    if m and "default" not in cons:
        v = m.group(1).rstrip(".")
        cons["default_in_prose"] = int(v) if re.fullmatch(r"-?\d+", v) else (
            v == "true" if v in ("true", "false") else v)
    return cons


def parse_table(tbl):
    rows = []
    for tr in re.split(r"<tr\b[^>]*>", tbl)[1:]:
        if "<th" in tr:
            continue
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        if not cells:
            continue
        rows.append(cells)
    return rows


def normalise(md):
    """Drop inline anchors and tag attributes so both page layouts read the same."""
    md = re.sub(r'(?<!^)<a name="[^"]*"></a>', "", md, flags=re.M)
    return re.sub(r"<(p|tr|td|th|tbody|thead)\s[^>]*>", r"<\1>", md)


def parse(md):
    lines = normalise(md).split("\n")
    section = None
    status = None
    title = None
    anchor = None
    tables = []          # dicts: kind, status, anchor, rows
    examples = {"request": [], "response": {}}
    codes = []
    i = 0
    in_code = False
    code_buf = []
    while i < len(lines):
        line = lines[i]
        if re.match(r"^\s*(?:-\s+)?```", line):
            if in_code:
                block = "\n".join(code_buf)
                if section == "请求示例":
                    examples["request"].append(block)
                elif section == "响应示例":
                    examples["response"].setdefault(status, []).append(block)
                in_code = False
                code_buf = []
            else:
                in_code = True
            i += 1
            continue
        if in_code:
            code_buf.append(line)
            i += 1
            continue
        h = re.match(r"^## ([^<]+)", line)
        if h:
            section = h.group(1).strip()
            status = None
        m = re.match(r"^\*\*状态码[：:]\s*(\d+)\*\*", line)
        if m:
            status = int(m.group(1))
        m = re.match(r"^\*\*表 \d+\*\*\s+(.*)", line)
        if m:
            title = m.group(1).strip()
        m = re.match(r'^<a name="([^"]+)"></a>', line)
        if m:
            anchor = m.group(1)
        if "<table>" in line or line.startswith("<table"):
            buf = [line]
            while "</table>" not in lines[i]:
                i += 1
                buf.append(lines[i])
            tbl = "\n".join(buf)
            if section == "状态码":
                for cells in parse_table(tbl):
                    codes.append(int(text_of(cells[0])))
            elif section == "错误码":
                pass
            else:
                kind = None
                for label, k in ROOTS:
                    if title and label in title:
                        kind = k
                tables.append({"kind": kind or "sub", "status": status, "anchor": anchor,
                               "title": title, "rows": parse_table(tbl), "section": section})
            title = None
            anchor = None
        i += 1
    return tables, examples, codes


def rows_to_fields(table):
    out = []
    for cells in table["rows"]:
        name = text_of(cells[0])
        if len(cells) >= 4:
            req, typ, desc = text_of(cells[1]), cells[2], cells[3]
        else:
            req, typ, desc = None, cells[1], cells[2]
        ref = re.search(r'href="#([^"]+)"', typ)
        out.append({"name": name, "required": None if req is None else req.startswith("是"),
                    "type": norm_type(text_of(typ)), "ref": ref.group(1) if ref else None,
                    "constraints": parse_constraints(desc)})
    return out


def flatten(tables):
    """{'path': [...], 'query': [...], 'header': [...], 'body': [...], 'response': {status: [...]}}"""
    by_anchor = {t["anchor"]: t for t in tables if t["anchor"]}
    result = {"path": [], "query": [], "header": [], "body": [], "response": {}, "response_header": {}}

    def walk(table, prefix, seen):
        out = []
        for f in rows_to_fields(table):
            p = prefix + f["name"]
            item = {k: v for k, v in f.items() if k not in ("ref", "name")}
            item["path"] = p
            out.append(item)
            if f["ref"] and f["ref"] in by_anchor and f["ref"] not in seen:
                sub = p + ("[]" if f["type"].startswith("array") else "")
                out.extend(walk(by_anchor[f["ref"]], sub + ".", seen | {f["ref"]}))
        return out

    for t in tables:
        k = t["kind"]
        if k in ("path", "query", "header"):
            result[k].extend(walk(t, "", set()))
        elif k == "body" and t["section"] == "请求参数":
            result["body"].extend(walk(t, "", set()))
        elif k in ("response", "response_header"):
            result[k].setdefault(t["status"], []).extend(walk(t, "", set()))
    return result


def json_shape(value, prefix=""):
    """Dotted paths of a JSON value with their JSON types."""
    out = {}
    if isinstance(value, dict):
        for k, v in value.items():
            p = prefix + k
            out[p] = jtype(v)
            if isinstance(v, (dict, list)):
                out.update(json_shape(v, p + ("[]" if isinstance(v, list) else "") + "."))
    elif isinstance(value, list):
        for v in value:
            if isinstance(v, dict):
                out.update(json_shape(v, prefix))
    return out


def jtype(v):
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


def example_json(block):
    """The JSON part of an example block (request examples start with a request line)."""
    m = re.search(r"^[\[{]", block, re.M)
    if not m:
        return None, None
    text = block[m.start():]
    try:
        return json.loads(text), None
    except json.JSONDecodeError as e:
        return None, f"not valid JSON ({e.msg} at line {e.lineno})"
