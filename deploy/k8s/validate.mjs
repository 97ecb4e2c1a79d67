// Validates deploy/k8s against the Kubernetes and Prometheus Operator API schemas (npm kubernetes-models,
// @kubernetes-models/prometheus-operator), Strimzi KafkaTopic against the fields of its v1beta2 CRD, and the
// references between the resources; checks prometheus-rule.yaml is a copy of deploy/prometheus/alerts.yml.
//   RISKSTREAMS_K8S_MODULES=<dir>/node_modules node deploy/k8s/validate.mjs [--write-rules]
// (.ci/run installs the modules; --write-rules rewrites prometheus-rule.yaml from alerts.yml.)
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.RISKSTREAMS_K8S_MODULES;
if (!modules || !existsSync(join(modules, "kubernetes-models"))) {
  console.error(`validate: RISKSTREAMS_K8S_MODULES must name a node_modules folder with kubernetes-models (was '${modules ?? ""}')`);
  process.exit(2);
}
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const YAML = await load("yaml/dist/index.js");
const { default: Ajv } = await load("ajv/dist/ajv.js");
const models = {
  "v1": await load("kubernetes-models/v1/index.js"),
  "apps/v1": await load("kubernetes-models/apps/v1/index.js"),
  "policy/v1": await load("kubernetes-models/policy/v1/index.js"),
  "monitoring.coreos.com/v1": await load("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/index.js"),
};

// Strimzi's KafkaTopic v1beta2 (the fields of its CRD's spec; no npm package ships it).
const kafkaTopic = new Ajv({ allErrors: true, strict: false }).compile({
  type: "object",
  required: ["apiVersion", "kind", "metadata", "spec"],
  properties: {
    apiVersion: { const: "kafka.strimzi.io/v1beta2" },
    kind: { const: "KafkaTopic" },
    metadata: {
      type: "object",
      required: ["name", "labels"],
      properties: {
        name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", maxLength: 253 },
        labels: { type: "object", required: ["strimzi.io/cluster"], additionalProperties: { type: "string" } },
      },
    },
    spec: {
      type: "object",
      additionalProperties: false,
      required: ["partitions", "replicas"],
      properties: {
        topicName: { type: "string", pattern: "^[a-zA-Z0-9._-]{1,249}$" },
        partitions: { type: "integer", minimum: 1 },
        replicas: { type: "integer", minimum: 1, maximum: 32767 },
        config: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
      },
    },
  },
});

const errors = [];
const fail = (message) => errors.push(message);
const kustomization = YAML.parse(readFileSync(join(here, "kustomization.yaml"), "utf8"));
const listed = new Set(kustomization.resources);
for (const file of readdirSync(here).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")) {
  if (!listed.has(file)) fail(`${file}: not listed in kustomization.yaml resources`);
}

const rulesFile = join(here, "prometheus-rule.yaml");
const alertsFile = join(here, "..", "prometheus", "alerts.yml");
if (process.argv.includes("--write-rules")) {
  const alerts = YAML.parse(readFileSync(alertsFile, "utf8"));
  const rule = YAML.parseDocument(readFileSync(rulesFile, "utf8"));
  rule.setIn(["spec", "groups"], alerts.groups);
  writeFileSync(rulesFile, rule.toString({ lineWidth: 0 }));
}

const resources = [];
for (const file of listed) {
  if (!existsSync(join(here, file))) {
    fail(`${file}: listed in kustomization.yaml but missing`);
    continue;
  }
  for (const doc of YAML.parseAllDocuments(readFileSync(join(here, file), "utf8"))) {
    if (doc.errors.length > 0) fail(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value !== null) resources.push({ file, value });
  }
}

for (const { file, value } of resources) {
  const where = `${file}: ${value.kind}/${value.metadata?.name}`;
  if (value.apiVersion === "kafka.strimzi.io/v1beta2") {
    if (!kafkaTopic(value)) fail(`${where}: ${kafkaTopic.errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
    continue;
  }
  const Model = models[value.apiVersion]?.[value.kind];
  if (!Model) {
    fail(`${where}: unknown apiVersion/kind ${value.apiVersion} ${value.kind}`);
    continue;
  }
  try {
    new Model(value).validate();
  } catch (e) {
    fail(`${where}: ${e.message.split("\n").join("; ")}`);
  }
}

// References between the resources.
const byKind = (kind) => resources.filter((r) => r.value.kind === kind).map((r) => r.value);
const services = byKind("Service");
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
for (const set of byKind("StatefulSet")) {
  const headless = services.find((s) => s.metadata.name === set.spec.serviceName);
  if (headless?.spec.clusterIP !== "None") fail(`StatefulSet/${set.metadata.name}: serviceName ${set.spec.serviceName} is not a headless Service here`);
  const pod = set.spec.template;
  if (!matches(set.spec.selector.matchLabels, pod.metadata.labels)) fail(`StatefulSet/${set.metadata.name}: selector does not match its pod labels`);
  if (pod.spec.securityContext?.runAsNonRoot !== true) fail(`StatefulSet/${set.metadata.name}: pods must run as non-root`);
  for (const c of pod.spec.containers) {
    if (c.livenessProbe?.httpGet?.path !== "/health/live") fail(`StatefulSet/${set.metadata.name}: ${c.name} liveness must be /health/live`);
    if (c.readinessProbe?.httpGet?.path !== "/health/ready") fail(`StatefulSet/${set.metadata.name}: ${c.name} readiness must be /health/ready`);
    for (const ref of c.envFrom ?? []) {
      if (ref.configMapRef && !byKind("ConfigMap").some((m) => m.metadata.name === ref.configMapRef.name)) fail(`StatefulSet/${set.metadata.name}: ConfigMap ${ref.configMapRef.name} is not here`);
    }
    for (const mount of c.volumeMounts ?? []) {
      const known = (pod.spec.volumes ?? []).some((v) => v.name === mount.name) || (set.spec.volumeClaimTemplates ?? []).some((v) => v.metadata.name === mount.name);
      if (!known) fail(`StatefulSet/${set.metadata.name}: volume ${mount.name} is neither a volume nor a claim template`);
    }
  }
}
for (const monitor of byKind("ServiceMonitor")) {
  const target = services.filter((s) => matches(monitor.spec.selector.matchLabels, s.metadata.labels));
  if (target.length === 0) fail(`ServiceMonitor/${monitor.metadata.name}: selects no Service`);
  for (const endpoint of monitor.spec.endpoints) {
    if (!target.every((s) => s.spec.ports.some((p) => p.name === endpoint.port))) fail(`ServiceMonitor/${monitor.metadata.name}: port ${endpoint.port} is not on the selected Services`);
  }
}
for (const pdb of byKind("PodDisruptionBudget")) {
  if (!byKind("StatefulSet").some((s) => matches(pdb.spec.selector.matchLabels, s.spec.template.metadata.labels))) fail(`PodDisruptionBudget/${pdb.metadata.name}: selects no pods`);
}

// The PrometheusRule is alerts.yml, group for group.
const [rule] = byKind("PrometheusRule");
if (existsSync(alertsFile)) {
  const alerts = YAML.parse(readFileSync(alertsFile, "utf8"));
  if (!isDeepStrictEqual(rule?.spec.groups, alerts.groups)) fail("prometheus-rule.yaml: spec.groups differ from deploy/prometheus/alerts.yml (run: node deploy/k8s/validate.mjs --write-rules)");
} else if (rule?.spec.groups.length !== 0) {
  fail("prometheus-rule.yaml: has groups but deploy/prometheus/alerts.yml, their source, is missing");
} else {
  console.log("validate: deploy/prometheus/alerts.yml is not in this checkout: the PrometheusRule stays empty until it is (then --write-rules)");
}

for (const error of errors) console.error(`validate: ${error}`);
console.log(`validate: ${resources.length} resources in ${listed.size} files, ${errors.length} errors`);
process.exit(errors.length === 0 ? 0 : 1);
