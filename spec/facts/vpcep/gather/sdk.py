"""Read operation definitions and models from a local git mirror of the vendor's Go SDK.

Only names, locations, types, requiredness and enum values are taken; nothing is copied.
"""
import re
import subprocess

META = "services/vpcep/v1/vpcep_meta.go"
MODEL_DIR = "services/vpcep/v1/model/"


def git_show(repo, commit, path):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def git_ls(repo, commit, under):
    out = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "-z", commit, under],
                         check=True, capture_output=True).stdout.decode("utf-8")
    return [p for p in out.split("\0") if p]


def read_meta(repo, commit):
    text = git_show(repo, commit, META)
    ops = {}
    for m in re.finditer(r"func GenReqDefFor(\w+)\(\) \*def\.HttpRequestDef \{(.*?)\n\}", text, re.S):
        name, body = m.group(1), m.group(2)
        method = re.search(r"WithMethod\(http\.Method(\w+)\)", body).group(1).upper()
        path = re.search(r'WithPath\("([^"]+)"\)', body).group(1)
        ctype = re.search(r'WithContentType\("([^"]+)"\)', body)
        fields = []
        for f in re.finditer(r"WithRequestField\(def\.NewFieldDef\(\)\.(.*?)\)\)", body, re.S):
            fb = f.group(1)
            fname = re.search(r'WithName\("(\w+)"\)', fb).group(1)
            tag = re.search(r'WithJsonTag\("([^"]+)"\)', fb)
            loc = re.search(r"WithLocationType\(def\.(\w+)", fb).group(1).lower()
            fields.append({"go_name": fname, "name": tag.group(1) if tag else None, "in": loc})
        ops[name] = {"method": method, "path": path,
                     "content_type": ctype.group(1) if ctype else None, "fields": fields}
    return ops


class Models:
    """All structs and enum types of the model package, by Go type name."""

    def __init__(self, repo, commit):
        self.structs = {}   # type -> (file, [(go_field, go_type, json, omitempty)])
        self.enums = {}     # type -> (file, base, [values])
        for path in git_ls(repo, commit, MODEL_DIR):
            text = git_show(repo, commit, path)
            for m in re.finditer(r"^type (\w+) struct \{\n(.*?)^\}", text, re.S | re.M):
                tname, body = m.group(1), m.group(2)
                if tname.endswith("Enum"):
                    continue
                fields = []
                for line in body.splitlines():
                    fm = re.match(r'\s*(\w+)\s+([^\s`]+)\s+`json:"([^"]*)"', line)
                    if not fm:
                        continue
                    jname, _, opts = fm.group(3).partition(",")
                    if jname == "-":
                        continue
                    fields.append((fm.group(1), fm.group(2), jname, "omitempty" in opts))
                if re.fullmatch(r"\s*value (string|int32|int64)\s*", body):
                    base = re.search(r"value (\w+)", body).group(1)
                    self.enums[tname] = [path, base, []]
                else:
                    self.structs[tname] = (path, fields)
            for m in re.finditer(r"func Get(\w+)Enum\(\) \w+ \{(.*?)\n\}", text, re.S):
                vals = re.findall(r'value:\s*("(?:[^"\\]|\\.)*"|-?\d+),', m.group(2))
                if m.group(1) in self.enums:
                    self.enums[m.group(1)][2] = [v.strip('"') if v.startswith('"') else int(v) for v in vals]

    def file_of(self, tname):
        if tname in self.structs:
            return self.structs[tname][0]
        if tname in self.enums:
            return self.enums[tname][0]
        return None

    def describe(self, gotype):
        """(facts type string, enum values or None, struct name or None)."""
        t = gotype.lstrip("*")
        if t.startswith("[]"):
            inner, enum, struct = self.describe(t[2:])
            return f"array<{inner}>", enum, struct
        if t.startswith("map["):
            return "object<map>", None, None
        scalar = {"string": "string", "int32": "integer(int32)", "int64": "integer(int64)",
                  "int": "integer", "bool": "boolean", "float32": "number(float)",
                  "float64": "number(double)", "sdktime.SdkTime": "string(date-time)",
                  "interface{}": "any", "utils.Object": "any"}
        if t in scalar:
            return scalar[t], None, None
        if t in self.enums:
            _, base, vals = self.enums[t]
            return ("string" if base == "string" else f"integer({base})"), vals, None
        if t in self.structs:
            return "object", None, t
        return f"unknown({t})", None, None

    def flatten(self, tname, prefix="", seen=()):
        """Dotted field list of a struct: {path: {type, required, enum}}."""
        out = {}
        if tname not in self.structs or tname in seen:
            return out
        for go_field, go_type, jname, omit in self.structs[tname][1]:
            ftype, enum, struct = self.describe(go_type)
            path = prefix + jname
            required = not omit
            out[path] = {"type": ftype, "required": required, "enum": enum, "go_type": go_type}
            if struct:
                sub = path + ("[]" if ftype.startswith("array") else "")
                out.update(self.flatten(struct, sub + ".", seen + (tname,)))
        return out
