import Link from "next/link";
import { folderHref } from "./folder-href";

/**
 * "My files › Photos › 2026", each part a link but the last. In someone
 * else's folder the path starts at the folder shared with the person, under
 * "Shared with me".
 */
export function Breadcrumbs({ path, shared = false }: { path: { id: string; name: string }[]; shared?: boolean }) {
  const trail = [{ id: null as string | null, name: shared ? "Shared with me" : "My files" }, ...path];
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
                <Link href={crumb.id === null && shared ? "/files/shared" : folderHref(crumb.id)} className="truncate rounded text-brand-600 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-brand-400">
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
