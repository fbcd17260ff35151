import { DomainError } from "../../errors";

export const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const IS_UUID = new RegExp(`^${UUID_PATTERN}$`);

/** Comma-separated ids from a query string: each must be one, or nothing is looked up. */
export function idsFrom(value: string | null): string[] {
  return (value ?? "").split(",").filter(Boolean).map((id) => idFrom(id)!);
}

/** One id from a query string or upload metadata, or null when it is empty. */
export function idFrom(value: string | null | undefined): string | null {
  if (!value) return null;
  if (!IS_UUID.test(value)) throw new DomainError("INVALID_INPUT", "This link names something that cannot exist. Check that it was copied whole.");
  return value;
}
