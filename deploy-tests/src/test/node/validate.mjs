// Validates Kubernetes objects (a YAML stream on stdin) against the schemas of kubernetes-models,
// @kubernetes-models/keda and @kubernetes-models/prometheus-operator, offline. Prints one JSON array:
// [{"kind", "name", "problems": [...]}] with every object, so the caller sees what was checked.
//
// The models' validators check types, formats and required fields but let unknown fields through, so
// a misspelt field (terminationGracePeriod) would pass. Each object is therefore handed to its
// validator wrapped in proxies that record which fields the validator looked up: a field of a
// structured object that the validator never read is not in the schema and is reported. Free-form
// maps (labels, data, trigger metadata) are enumerated by the validator and so never reported.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const PACKAGES = {
  "keda.sh": "@kubernetes-models/keda",
  "eventing.keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

function tracked(value, path, records) {
  if (Array.isArray(value)) {
    return value.map((item, index) => tracked(item, `${path}/${index}`, records));
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const record = { path, keys: Object.keys(value), read: new Set(), enumerated: false };
  records.push(record);
  const target = {};
  for (const key of record.keys) {
    target[key] = tracked(value[key], `${path}/${key}`, records);
  }
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === "string") record.read.add(key);
      return Reflect.get(object, key, receiver);
    },
    has(object, key) {
      if (typeof key === "string") record.read.add(key);
      return Reflect.has(object, key);
    },
    ownKeys(object) {
      record.enumerated = true;
      return Reflect.ownKeys(object);
    },
  });
}

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const pkg = PACKAGES[group] ?? "kubernetes-models";
  const module = await import(`${pkg}/${group ? `${group}/` : ""}${version}/${kind}`);
  return module[kind];
}

async function validate(object) {
  const problems = [];
  let Model;
  try {
    Model = await modelOf(object.apiVersion, object.kind);
  } catch (error) {
    return [`no schema known for ${object.apiVersion} ${object.kind}: ${error.message}`];
  }
  if (!Model) {
    return [`no schema known for ${object.apiVersion} ${object.kind}`];
  }
  const records = [];
  try {
    Model.prototype.validate.call(tracked(object, "", records));
  } catch (error) {
    problems.push(error.message);
  }
  for (const record of records) {
    if (record.read.size === 0 || record.enumerated) continue;
    for (const key of record.keys) {
      if (!record.read.has(key)) problems.push(`${record.path}/${key} is not a field of ${object.kind}`);
    }
  }
  return problems;
}

const objects = parseAllDocuments(readFileSync(0, "utf8"))
  .map((document) => document.toJS())
  .filter((object) => object !== null && object !== undefined);
const results = [];
for (const object of objects) {
  results.push({
    kind: String(object.kind),
    name: String(object.metadata?.name),
    problems: await validate(object),
  });
}
process.stdout.write(JSON.stringify(results));
