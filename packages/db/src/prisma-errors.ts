import { Prisma } from "./generated/prisma/client.ts";

/** The Prisma error codes the services act on, by name. */
export const PrismaErrorCode = {
  UniqueConstraint: "P2002",
  RecordNotFound: "P2025",
} as const;

export function isPrismaError(error: unknown, code: (typeof PrismaErrorCode)[keyof typeof PrismaErrorCode]): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}
