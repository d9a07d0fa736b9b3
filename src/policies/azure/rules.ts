/** Every Azure rule, in documentation order. */
import { containerAppsApiPublicPaths } from "./containerapps/api-public-paths.js";
import { containerAppsEnvironmentVnet } from "./containerapps/environment-vnet.js";
import { containerAppsExternalIngress } from "./containerapps/external-ingress.js";
import { containerAppsHttpsOnly } from "./containerapps/https-only.js";
import { containerAppsKeyVaultSecrets } from "./containerapps/keyvault-secrets.js";
import { containerAppsManagedIdentity } from "./containerapps/managed-identity.js";
import { containerAppsMinReplicas } from "./containerapps/min-replicas.js";
import { containerAppsProbes } from "./containerapps/probes.js";
import { keyVaultNoPublicNetwork } from "./keyvault/no-public-network.js";
import { keyVaultPurgeProtection } from "./keyvault/purge-protection.js";
import { keyVaultRbac } from "./keyvault/rbac.js";
import { keyVaultSoftDelete } from "./keyvault/soft-delete.js";
import { postgresEntraAuth } from "./postgres/entra-auth.js";
import { postgresGeoRedundantBackup } from "./postgres/geo-redundant-backup.js";
import { postgresHighAvailability } from "./postgres/high-availability.js";
import { postgresNoPublicAccess } from "./postgres/no-public-access.js";
import { postgresSecureTransport } from "./postgres/secure-transport.js";
import { postgresTlsVersion } from "./postgres/tls-version.js";
import { redisEncryptedProtocol } from "./redis/encrypted-protocol.js";
import { redisHighAvailability } from "./redis/high-availability.js";
import { redisMinTls } from "./redis/min-tls.js";
import { redisNoPublicNetwork } from "./redis/no-public-network.js";
import { storageDenyByDefault } from "./storage/deny-by-default.js";
import { storageHttpsOnly } from "./storage/https-only.js";
import { storageMinTls } from "./storage/min-tls.js";
import { storageNoPublicBlob } from "./storage/no-public-blob.js";
import { storageNoSharedKey } from "./storage/no-shared-key.js";
import type { PolicyRule } from "../rule.js";

export const AZURE_RULES: readonly PolicyRule[] = [
  containerAppsEnvironmentVnet,
  containerAppsHttpsOnly,
  containerAppsExternalIngress,
  containerAppsApiPublicPaths,
  containerAppsProbes,
  containerAppsManagedIdentity,
  containerAppsKeyVaultSecrets,
  containerAppsMinReplicas,
  postgresNoPublicAccess,
  postgresSecureTransport,
  postgresTlsVersion,
  postgresGeoRedundantBackup,
  postgresHighAvailability,
  postgresEntraAuth,
  redisEncryptedProtocol,
  redisMinTls,
  redisNoPublicNetwork,
  redisHighAvailability,
  storageMinTls,
  storageHttpsOnly,
  storageNoPublicBlob,
  storageNoSharedKey,
  storageDenyByDefault,
  keyVaultRbac,
  keyVaultSoftDelete,
  keyVaultPurgeProtection,
  keyVaultNoPublicNetwork,
];
