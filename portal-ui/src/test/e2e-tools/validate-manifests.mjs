// Validates every object of rendered Kubernetes manifests (multi-document YAML on stdin, as `kubectl kustomize`
// prints them) against the Kubernetes API schemas that kubernetes-models ships (its `validate()`), and checks what
// a replicated deployment of Runway needs. Exits 1 with every finding listed. Before reading the manifests it makes
// sure that the validator refuses a broken Deployment, so that a validator that accepts anything cannot pass.
// Run from the directory where npm installed the tools (bin/runway test copies it there).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

async function validate(object) {
  const { apiVersion, kind } = object;
  let module;
  try {
    module = await import(`kubernetes-models/${apiVersion}/${kind}`);
  } catch {
    return [`${kind} ${apiVersion}: not a kind of the Kubernetes API this validator knows`];
  }
  try {
    new module[kind](object).validate();
    return [];
  } catch (e) {
    return [`${kind}/${object.metadata?.name}: ${e.message}`];
  }
}

const broken = {
  apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "broken" },
  spec: { replicas: "two", selector: { matchLabels: { a: "b" } },
    template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "i" }] } } },
};
if ((await validate(broken)).length === 0) {
  console.error("the validator accepted a Deployment with replicas: \"two\"; refusing to trust it");
  process.exit(1);
}

const documents = parseAllDocuments(readFileSync(0, "utf8"));
const objects = [];
const findings = [];
for (const d of documents) {
  if (d.errors.length > 0) {
    findings.push(...d.errors.map((e) => `YAML: ${e.message}`));
  } else if (d.contents !== null) {
    objects.push(d.toJS());
  }
}
for (const o of objects) {
  findings.push(...await validate(o));
}

// What replicas need, checked on the objects themselves: every Deployment has the three probes, requests and
// limits; every API service (a Deployment named *-service; the portal keeps one replica, see portal-ui.yaml) runs at
// least two pods, spread over nodes, kept at one available through a disruption and scaled on CPU.
const deployments = objects.filter((o) => o.kind === "Deployment");
const services = deployments.filter((d) => d.metadata.name.endsWith("-service"));
for (const d of deployments) {
  for (const c of d.spec.template.spec.containers) {
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      if (!c[probe]?.httpGet?.path?.startsWith("/q/health")) findings.push(`Deployment/${d.metadata.name}: ${c.name} has no ${probe} on /q/health`);
    }
    for (const r of ["requests", "limits"]) {
      if (!c.resources?.[r]?.cpu || !c.resources?.[r]?.memory) findings.push(`Deployment/${d.metadata.name}: ${c.name} has no cpu and memory ${r}`);
    }
  }
}
for (const d of services) {
  const name = d.metadata.name;
  const where = `Deployment/${name}`;
  if (!(d.spec.replicas >= 2)) findings.push(`${where}: replicas ${d.spec.replicas}, want at least 2`);
  const spread = d.spec.template.spec.topologySpreadConstraints ?? [];
  if (!spread.some((t) => t.topologyKey === "kubernetes.io/hostname")) findings.push(`${where}: no topology spread over nodes`);
  const labels = d.spec.selector.matchLabels;
  const selects = (o) => Object.entries(labels).every(([k, v]) => o.spec.selector?.matchLabels?.[k] === v);
  if (!objects.some((o) => o.kind === "PodDisruptionBudget" && selects(o))) findings.push(`${where}: no PodDisruptionBudget`);
  const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef?.name === name);
  if (!hpa) {
    findings.push(`${where}: no HorizontalPodAutoscaler`);
  } else if (!(hpa.spec.minReplicas >= 2) || !hpa.spec.metrics?.some((m) => m.resource?.name === "cpu")) {
    findings.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: wants minReplicas >= 2 and a cpu metric`);
  }
}

if (findings.length > 0) {
  console.error(`${findings.length} finding(s) in ${objects.length} objects:\n  ${findings.join("\n  ")}`);
  process.exit(1);
}
console.log(`${objects.length} objects valid against the Kubernetes schemas; ${deployments.length} Deployments probed and`
  + ` resourced, ${services.length} API services replicated, spread, budgeted and autoscaled`);
