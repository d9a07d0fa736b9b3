/** Argument helpers shared by the Azure components. Pure. */
import type * as pulumi from "@pulumi/pulumi";

/**
 * `args` without its undefined fields, so `{ ...defaults, ...definedOnly(args) }` keeps a default for an explicit
 * `undefined`. (The AWS twin lives in aws/task-definition.ts, which pulls in @pulumi/aws.)
 */
export function definedOnly<T extends object>(args: T): Partial<T> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Tags as every Azure child takes them. */
export type AzureTags = pulumi.Input<Record<string, pulumi.Input<string>>>;
