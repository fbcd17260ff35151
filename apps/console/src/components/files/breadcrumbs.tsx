import Link from "next/link";
import { folderHref } from "./folder-href";

const TOPS = {
  mine: { name: "My files", href: "/files" },
  shared: { name: "Shared with me", href: "/files/shared" },
  workspace: { name: "Workspaces", href: "/files/workspaces" },
} as const;

/**
 * "My files › Photos › 2026", each part a link but the last. In someone
 * else's folder the path starts at the folder shared with the person, under
 * "Shared with me"; in a workspace's, at that folder, under "Workspaces".
 */
export function Breadcrumbs({ path, top = "mine" }: { path: { id: string; name: string }[]; top?: keyof typeof TOPS }) {
  const trail = [{ id: null as string | null, name: TOPS[top].name }, ...path];
  return (
    <nav aria-label="Folder path" className="min-w-0">
      <ol className="flex flex-wrap items-center gap-1 text-sm">
        {trail.map((crumb, index) => {
          const last = index === trail.length - 1;
          return (
            <li key={crumb.id ?? "top"} className="flex min-w-0 items-center gap-1">
              {index > 0 ? <span aria-hidden className="text-zinc-400">›</span> : null}
              {last ? (
                <span aria-current="page" className="truncate font-medium text-zinc-900 dark:text-zinc-100">{crumb.name}</span>
              ) : (
                <Link href={crumb.id === null ? TOPS[top].href : folderHref(crumb.id)} className="truncate rounded text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-400">
                  {crumb.name}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
