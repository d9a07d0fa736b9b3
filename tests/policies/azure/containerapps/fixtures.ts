/** Container Apps fixtures (azure-native v3 input shapes). */
export const CONTAINER_APP_TYPE = "azure-native:app:ContainerApp";
export const JOB_TYPE = "azure-native:app:Job";

const IDENTITY = "/subscriptions/0/resourceGroups/asc/providers/Microsoft.ManagedIdentity/userAssignedIdentities/asc-apps";

const probes = [
  { type: "Liveness", httpGet: { path: "/health", port: 8000, httpHeaders: [{ name: "Host", value: "localhost" }] } },
  { type: "Readiness", httpGet: { path: "/health/ready", port: 8000, httpHeaders: [{ name: "Host", value: "localhost" }] } },
];

export const compliantApp = {
  resourceGroupName: "asc-prod",
  managedEnvironmentId: "/subscriptions/0/resourceGroups/asc/providers/Microsoft.App/managedEnvironments/asc",
  identity: { type: "UserAssigned", userAssignedIdentities: [IDENTITY] },
  configuration: {
    activeRevisionsMode: "Single",
    ingress: { external: true, targetPort: 8000, allowInsecure: false, transport: "auto" },
    secrets: [{ name: "database-url", keyVaultUrl: "https://asc-prod-kv.vault.azure.net/secrets/database-url", identity: IDENTITY }],
  },
  template: {
    containers: [{ name: "api", image: "ghcr.io/acme/api@sha256:00", probes, env: [{ name: "DATABASE_URL", secretRef: "database-url" }] }],
    scale: { minReplicas: 3, maxReplicas: 10 },
  },
  tags: { project: "asc", profile: "prod", tier: "production", "managed-by": "asc", "asc-service": "api" },
};

export const compliantJob = {
  resourceGroupName: "asc-prod",
  environmentId: compliantApp.managedEnvironmentId,
  identity: compliantApp.identity,
  configuration: { triggerType: "Manual", replicaTimeout: 1800, secrets: compliantApp.configuration.secrets },
  template: { containers: [{ name: "migrate", image: "ghcr.io/acme/api@sha256:00" }] },
};
