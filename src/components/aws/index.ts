/** Every aws component, for `import { … } from "asc/aws"`. */
export * from "./blueprint.js";
export * from "./cache.js";
export * from "./database.js";
export * from "./fargate-service.js";
export * from "./key-storage.js";
export * from "./load-balancer.js";
export * from "./log-bucket.js";
export * from "./log-encryption-key.js";
export * from "./migration-task.js";
export * from "./network.js";
export * from "./object-storage.js";
export * from "./routing.js";
export * from "./secret-value.js";
export * from "./subnet-layout.js";
export * from "./task-definition.js";
