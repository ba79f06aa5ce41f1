"""Compare a facts document with the operation already described in spec/vpcep/ (if any)."""
import os

import yaml


CONSTRAINTS = ("minimum", "maximum", "minLength", "maxLength", "default", "minItems", "maxItems")


def load(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as fh:
            cache[path] = yaml.safe_load(fh)
    return cache[path]


def deref(node, base):
    """Follow a file $ref (relative to base); returns (node, base of that node)."""
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        target = os.path.normpath(os.path.join(os.path.dirname(base), ref.split("#")[0]))
        node, base = load(target), target
    return node, base


def schema_type(s):
    t = s.get("type")
    if isinstance(t, list):
        t = "|".join(t)
    if t == "array":
        items, _ = (s.get("items") or {}), None
        return "array<" + (items.get("type") or "object" if isinstance(items, dict) else "object") + ">"
    if t is None and "anyOf" in s:
        return "|".join(sorted({str(x.get("type")) for x in s["anyOf"]}))
    return t or "any"


def walk(schema, base, prefix, out, depth=0):
    schema, base = deref(schema, base)
    if not isinstance(schema, dict) or depth > 8:
        return
    for sub in schema.get("allOf", []):
        walk(sub, base, prefix, out, depth + 1)
    required = set(schema.get("required", []))
    for name, prop in (schema.get("properties") or {}).items():
        p, pbase = deref(prop, base)
        path = prefix + name
        items_type = None
        if p.get("type") == "array" and isinstance(p.get("items"), dict):
            it, _ = deref(p["items"], pbase)
            items_type = it.get("type")
        t = p.get("type")
        out[path] = {"type": (f"array<{items_type or 'object'}>" if t == "array" else schema_type(p)),
                     "required": name in required, "enum": p.get("enum"),
                     "constraints": {k: p[k] for k in CONSTRAINTS if k in p}}
        if t == "array" and isinstance(p.get("items"), dict):
            walk(p["items"], pbase, path + "[].", out, depth + 1)
        elif t == "object" or "properties" in p or "allOf" in p:
            walk(p, pbase, path + ".", out, depth + 1)


def operation(spec_dir, op_id):
    path = os.path.join(spec_dir, "paths", op_id + ".yaml")
    if not os.path.exists(path):
        return None
    item = load(path)
    method, op = next((m, o) for m, o in item.items() if isinstance(o, dict) and o.get("operationId") == op_id)
    params = {}
    for p in op.get("parameters", []):
        p, _ = deref(p, path)
        s = p.get("schema", {})
        params[(p["name"], p["in"])] = {"type": s.get("type"), "required": bool(p.get("required")),
                                        "enum": s.get("enum"), "default": s.get("default"),
                                        "minimum": s.get("minimum"), "maximum": s.get("maximum")}
    body = {}
    rb = op.get("requestBody")
    if rb:
        rb, rbase = deref(rb, path)
        schema = rb["content"]["application/json"]["schema"]
        walk(schema, rbase, "", body)
    responses = {}
    for status, r in op.get("responses", {}).items():
        r, rbase = deref(r, path)
        content = (r.get("content") or {}).get("application/json")
        fields = {}
        if content:
            walk(content["schema"], rbase, "", fields)
        responses[int(status)] = fields
    return {"method": method.upper(), "params": params, "body": body, "responses": responses,
            "file": os.path.relpath(path, os.path.dirname(spec_dir))}


def base(t):
    return (t or "").split("(")[0]


def compare(doc, spec_dir):
    spec = operation(spec_dir, doc["operationId"])
    if not spec:
        return
    out = []
    where_file = "spec/" + spec["file"]
    facts_params = {(p["name"], p["in"]): p for p in doc["parameters"]}
    for key, sp in spec["params"].items():
        fp = facts_params.get(key)
        if not fp:
            out.append({"kind": "spec", "where": f"parameter {key[1]} {key[0]}", "spec": "present",
                        "facts": "not on the page or in the SDK"})
            continue
        if base(fp["type"]) != sp["type"]:
            out.append({"kind": "spec", "where": f"parameter {key[1]} {key[0]}", "spec": sp["type"], "facts": fp["type"]})
        if bool(fp["required"]) != sp["required"]:
            out.append({"kind": "spec", "where": f"parameter {key[1]} {key[0]} required", "spec": sp["required"],
                        "facts": fp["required"]})
        cons = fp.get("constraints", {})
        listed = cons.get("values_listed") or (fp.get("sdk") if isinstance(fp.get("sdk"), dict) else {}).get("enum")
        if sp["enum"] and listed and sorted(map(str, sp["enum"])) != sorted(map(str, listed)):
            out.append({"kind": "spec", "where": f"parameter {key[0]} enum", "spec": sp["enum"], "facts": listed})
        for c in ("minimum", "maximum", "default"):
            if c in cons and sp[c] is not None and cons[c] != sp[c]:
                out.append({"kind": "spec", "where": f"parameter {key[0]} {c}", "spec": sp[c], "facts": cons[c]})
    for key, fp in facts_params.items():
        if key not in spec["params"] and key[1] != "header":
            out.append({"kind": "spec", "where": f"parameter {key[1]} {key[0]}", "spec": "absent",
                        "facts": "documented" if fp.get("documented", True) else "SDK only"})

    def fields(label, spec_fields, facts_fields, request):
        ff = {f["path"]: f for f in facts_fields}
        for path, sf in spec_fields.items():
            f = ff.get(path)
            if not f:
                out.append({"kind": "spec", "where": f"{label} {path}", "spec": "present", "facts": "absent"})
                continue
            if base(f["type"]) != base(sf["type"]) and not (sf["type"] or "").startswith(base(f["type"])):
                out.append({"kind": "spec", "where": f"{label} {path}", "spec": sf["type"], "facts": f["type"]})
            if request and bool(f.get("required")) != sf["required"]:
                out.append({"kind": "spec", "where": f"{label} {path} required", "spec": sf["required"],
                            "facts": f.get("required")})
            cons = dict(f.get("constraints") or {})
            if base(f["type"]) == "integer":
                # the pages give integer ranges as length markers
                cons.setdefault("minimum", cons.pop("minLength", None))
                cons.setdefault("maximum", cons.pop("maxLength", None))
            for k, v in sf["constraints"].items():
                if k in cons and cons[k] is not None and cons[k] != v:
                    out.append({"kind": "spec", "where": f"{label} {path} {k}", "spec": v, "facts": cons[k]})
            listed = cons.get("values_listed") or (f.get("sdk") if isinstance(f.get("sdk"), dict) else {}).get("enum")
            if sf["enum"] and listed and sorted(map(str, sf["enum"])) != sorted(map(str, listed)):
                out.append({"kind": "spec", "where": f"{label} {path} enum", "spec": sf["enum"], "facts": listed})
        for path, f in ff.items():
            if path not in spec_fields:
                out.append({"kind": "spec", "where": f"{label} {path}", "spec": "absent",
                            "facts": "documented" if f.get("documented", True) else "SDK only"})

    if doc.get("request_body") or spec["body"]:
        fields("request body", spec["body"], (doc.get("request_body") or {}).get("fields", []), True)
    ok = [g for g in doc["responses"] if g["statuses"][0] == "unknown" or g["statuses"][0] < 300]
    for g in ok[:1]:
        st = g["statuses"][0]
        if st in spec["responses"]:
            fields(f"response {st}", spec["responses"][st], g["fields"], False)
    documented = {c["code"] for c in doc.get("status_codes", [])}
    declared = set(spec["responses"])
    if documented and documented != declared:
        out.append({"kind": "spec", "where": "status codes", "spec": sorted(declared), "facts": sorted(documented)})
    doc["existing_spec"] = {"file": where_file, "differences": len(out)}
    for c in out:
        c["spec_file"] = where_file
    doc["contradictions"].extend(out)
