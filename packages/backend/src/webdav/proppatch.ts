import type { ScopedDb } from "@awan/db";
import { DomainError } from "../errors";
import { resolvePath } from "./dav-items";
import { hrefOf } from "./dav-paths";
import { isLive } from "./dav-properties";
import { readXmlBody, send, sendXml, type DavContext } from "./dav-request";
import { elements, isDav, serializeContent, type XmlElement } from "./dav-xml";
import { multistatusXml, responseXml, type PropName } from "./multistatus";

type Instruction = { set: true; prop: PropName; value: string } | { set: false; prop: PropName };

// A property value is kept whole; this keeps one item's properties from growing without bound.
const MAX_VALUE_CHARS = 64 * 1024;

/**
 * PROPPATCH (RFC 4918 §9.2): sets and removes dead properties in document
 * order, all or nothing. Live properties are protected: asking to change
 * one fails the whole request (403 for it, 424 for the rest).
 */
export async function proppatch(ctx: DavContext): Promise<void> {
  const root = await readXmlBody(ctx.req);
  if (!root || !isDav(root, "propertyupdate")) throw new DomainError("INVALID_INPUT", "A PROPPATCH body must be a DAV:propertyupdate element.");
  const instructions = parseUpdate(root);
  const { names } = ctx.path;
  const result = await ctx.run(async ({ tx, actor }, driveId) => {
    const resolved = await resolvePath(tx, driveId, names);
    if (!resolved.exists) return null;
    const item = resolved.item;
    const refused = instructions.filter((i) => isLive(i.prop) || !item);
    if (refused.length > 0 || !item) {
      const failed = new Set(refused.map((i) => key(i.prop)));
      return {
        isCollection: !item || item.kind === "FOLDER",
        propstats: [
          { status: 403, props: unique(refused.map((i) => i.prop)) },
          { status: 424, props: unique(instructions.filter((i) => !failed.has(key(i.prop))).map((i) => i.prop)) },
        ],
      };
    }
    await apply(tx, actor.organizationId, item.id, instructions);
    return { isCollection: item.kind === "FOLDER", propstats: [{ status: 200, props: unique(instructions.map((i) => i.prop)) }] };
  });
  if (result === null) return send(ctx.res, 404, "Nothing is at this path.", { "Content-Type": "text/plain; charset=utf-8" });
  sendXml(ctx.res, 207, multistatusXml([responseXml({ href: hrefOf(ctx.path, names, result.isCollection), propstats: result.propstats })]));
}

async function apply(tx: ScopedDb, organizationId: string, itemId: string, instructions: Instruction[]): Promise<void> {
  for (const instruction of instructions) {
    const where = { itemId_namespace_name: { itemId, namespace: instruction.prop.ns, name: instruction.prop.local } };
    if (instruction.set) {
      await tx.deadProperty.upsert({
        where,
        create: { organizationId, itemId, namespace: instruction.prop.ns, name: instruction.prop.local, value: instruction.value },
        update: { value: instruction.value },
        select: { itemId: true },
      });
    } else {
      await tx.deadProperty.deleteMany({ where: where.itemId_namespace_name });
    }
  }
}

function parseUpdate(root: XmlElement): Instruction[] {
  const instructions: Instruction[] = [];
  for (const action of elements(root)) {
    const set = isDav(action, "set");
    if (!set && !isDav(action, "remove")) continue;
    const prop = elements(action).find((c) => isDav(c, "prop"));
    if (!prop) throw new DomainError("INVALID_INPUT", `DAV:${action.local} must hold a DAV:prop element.`);
    for (const element of elements(prop)) {
      const name = { ns: element.ns, local: element.local };
      if (!set) {
        instructions.push({ set: false, prop: name });
        continue;
      }
      const value = serializeContent(element);
      if (value.length > MAX_VALUE_CHARS) throw new DomainError("INVALID_INPUT", `A property value can be at most ${MAX_VALUE_CHARS} characters.`);
      instructions.push({ set: true, prop: name, value });
    }
  }
  return instructions;
}

const key = (p: PropName) => `${p.ns}\u0000${p.local}`;

function unique(props: PropName[]): PropName[] {
  const seen = new Map<string, PropName>();
  for (const p of props) seen.set(key(p), { ns: p.ns, local: p.local });
  return [...seen.values()];
}
