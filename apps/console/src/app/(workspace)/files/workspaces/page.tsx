import type { Metadata } from "next";
import { WorkspaceFolders } from "@/components/workspaces/workspace-folders";

export const metadata: Metadata = { title: "Workspace folders" };

export default function WorkspaceFoldersPage() {
  return <WorkspaceFolders />;
}
