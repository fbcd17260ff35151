"use client";

import { useEffect, useState } from "react";

type Theme = "system" | "light" | "dark";
const STORAGE_KEY = "awan-theme";

function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => setTheme((localStorage.getItem(STORAGE_KEY) as Theme | null) ?? "system"), []);
  // "System" follows the operating system as it changes (e.g. at sunset).
  useEffect(() => {
    if (theme !== "system") return;
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => apply("system");
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [theme]);

  function choose(next: Theme) {
    setTheme(next);
    if (next === "system") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
    apply(next);
  }

  return (
    <fieldset className="flex rounded-md border border-zinc-300 p-0.5 text-xs dark:border-zinc-700">
      <legend className="sr-only">Theme</legend>
      {(["system", "light", "dark"] as const).map((option) => (
        <label
          key={option}
          className="flex-1 cursor-pointer rounded px-2 py-1 text-center capitalize has-checked:bg-zinc-200 has-focus-visible:outline-2 has-focus-visible:outline-brand-500 dark:has-checked:bg-zinc-700"
        >
          <input type="radio" name="theme" value={option} checked={theme === option} onChange={() => choose(option)} className="sr-only" />
          {option}
        </label>
      ))}
    </fieldset>
  );
}
