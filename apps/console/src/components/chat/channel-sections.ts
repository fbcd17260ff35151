import type { RouterOutputs } from "@awan/backend";

type Conversation = RouterOutputs["chat"]["channels"][number];
type Workspace = RouterOutputs["workspaces"]["list"][number];

export type ChannelSection = { id: string; name: string; isDefault: boolean; channels: Conversation[] };

/**
 * Named channels under their workspaces: every workspace one is in gets a
 * heading (an empty one says so), the default workspace first, then by name.
 */
export function channelSections(channels: Conversation[], workspaces: Workspace[]): ChannelSection[] {
  const sections = new Map<string, ChannelSection>();
  for (const w of workspaces) if (w.myRole) sections.set(w.id, { id: w.id, name: w.name, isDefault: w.isDefault, channels: [] });
  for (const c of channels) {
    let section = sections.get(c.workspace.id);
    if (!section) sections.set(c.workspace.id, (section = { ...c.workspace, channels: [] }));
    section.channels.push(c);
  }
  return [...sections.values()].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

/** The workspaces one may create channels in: those one is an admin or member of. */
export function channelWorkspaces(workspaces: Workspace[]) {
  return workspaces.filter((w) => w.myRole === "ADMIN" || w.myRole === "MEMBER");
}
