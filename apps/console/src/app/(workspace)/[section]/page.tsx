import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UnbuiltSection } from "@/components/unbuilt-section";

// Sections of the sidebar that are not built yet. A built section gets its own
// folder next to this one, which takes precedence, and leaves this table.
const UNBUILT: Record<string, { title: string; purpose: string }> = {
  documents: { title: "Documents", purpose: "Document libraries, wiki pages and shared documents with version history." },
  calendar: { title: "Calendar", purpose: "Your meetings and your team's schedules." },
  tasks: { title: "Tasks", purpose: "To-do lists and workflows for you and your team." },
};

type Props = { params: Promise<{ section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: UNBUILT[(await params).section]?.title ?? "Not found" };
}

export default async function UnbuiltSectionPage({ params }: Props) {
  const section = UNBUILT[(await params).section];
  if (!section) notFound();
  return <UnbuiltSection {...section} />;
}
