import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 px-4 text-center">
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">The address may be mistyped, or what it pointed to was removed.</p>
      <Link href="/" className="text-sm font-medium text-brand-600 dark:text-brand-400 hover:underline">Go to Awan</Link>
    </main>
  );
}
