// What a TypeScript client generated (by openapi-typescript) from the leads
// example's OpenAPI document can rely on; `tsc --strict` checks it in CI.
import type { components, paths } from "./leads";

type GetLead = paths["/v1/leads/{id}"]["get"];
type CreateLead = paths["/v1/leads"]["post"];
type Envelope = GetLead["responses"][404]["content"]["application/json"];
type Problem = GetLead["responses"][404]["content"]["application/problem+json"];
type Code = components["schemas"]["Code"];

// Every error response has a typed body in both media types.
export function code(body: Envelope): Code {
  return body.error.code;
}
export function problemStatus(problem: Problem): number | undefined {
  return problem.status;
}
// Validation errors carry their fields; a rate limit its Retry-After header.
export function firstPointer(body: CreateLead["responses"][400]["content"]["application/json"]): string | undefined {
  return body.error.details?.fields?.[0]?.pointer;
}
export const wait: CreateLead["responses"][429]["headers"]["Retry-After"] = 60;
export const requestId: GetLead["responses"][404]["headers"]["X-Request-ID"] = "req_1";
// The registered codes are a checked list; any other code is still a Code.
export const known: components["schemas"]["RegisteredCode"] = "LEAD_NOT_FOUND";
// @ts-expect-error a misspelt registered code does not type-check
export const typo: components["schemas"]["RegisteredCode"] = "LEAD_NOT_FOUNDD";
export const newer: Code = "A_CODE_FROM_A_NEWER_SERVER";
// A created lead is what the service returns.
export function email(lead: CreateLead["responses"][201]["content"]["application/json"]): string {
  return lead.email;
}
