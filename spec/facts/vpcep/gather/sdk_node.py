"""Read the vendor's Node SDK (a second SDK) for a cross-check against the Go SDK.

Per operation: method and URL, query and path parameter names, the parameters it refuses to send
without, and the flattened request-body and response field names of its model classes.
"""
import re

import sdk

CLIENT = "services/vpcep/v1/VpcepClient.ts"
MODEL_DIR = "services/vpcep/v1/model/"


def read_client(repo, commit):
    text = sdk.git_show(repo, commit, CLIENT)
    ops = {}
    # the ParamCreater section: one function per operation, ending at the next one
    parts = re.split(r"\n\s{8}(\w+)\((\w+)\?: (\w+)Request\) \{\n", text)
    for i in range(1, len(parts) - 3, 4):
        fn, _, op, body = parts[i], parts[i + 1], parts[i + 2], parts[i + 3]
        m = re.search(r'method: "(\w+)",\s*url: "([^"]+)"', body)
        if not m:
            continue
        ops[op] = {
            "method": m.group(1), "path": m.group(2),
            "query": sorted(set(re.findall(r"localVarQueryParameter\['([^']+)'\]", body))),
            "required": sorted(set(re.findall(r"throw new RequiredError\('(\w+)'", body))),
        }
    return ops


class Models:
    def __init__(self, repo, commit):
        self.classes = {}
        for path in sdk.git_ls(repo, commit, MODEL_DIR):
            if not path.endswith(".ts"):
                continue
            text = sdk.git_show(repo, commit, path)
            m = re.search(r"export class (\w+)(?: extends \w+)? \{\n(.*?)\n    public constructor\(([^)]*)\) \{(.*?)\n    \}",
                          text, re.S)
            if not m:
                m2 = re.search(r"export class (\w+)(?: extends \w+)? \{\n(.*?)\n    public ", text, re.S)
                if not m2:
                    continue
                name, fields_text, ctor = m2.group(1), m2.group(2), ""
            else:
                name, fields_text, ctor = m.group(1), m.group(2), m.group(4)
            fields = []
            for fm in re.finditer(r"^\s{4}(?:private|public) '?([\w-]+)'?\??: ([^;]+);", fields_text, re.M):
                fields.append((fm.group(1), fm.group(2).strip()))
            required = set(re.findall(r"this\['([\w-]+)'\] = \w+;", ctor))
            self.classes[name] = (path, fields, required)

    def flatten(self, name, prefix="", seen=()):
        out = {}
        if name not in self.classes or name in seen:
            return out
        _, fields, required = self.classes[name]
        for jname, ts in fields:
            if jname == "body":
                continue
            path = prefix + jname
            inner = re.sub(r"^Array<(.+)>$", r"\1", ts)
            is_array = inner != ts
            out[path] = {"required": jname in required, "array": is_array}
            cls = inner.split("|")[0].strip()
            if cls == "Error":  # the generator renames the model class to avoid JS's Error
                cls = "ModelError"
            if cls in self.classes and not cls.endswith("Enum"):
                out.update(self.flatten(cls, path + ("[]" if is_array else "") + ".", seen + (name,)))
        return out

    def body_class(self, op):
        entry = self.classes.get(op + "Request")
        if not entry:
            return None
        for jname, ts in entry[1]:
            if jname == "body":
                return ts.split("|")[0].strip()
        return None
