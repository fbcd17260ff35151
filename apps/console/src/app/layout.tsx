import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ApiProvider } from "@/lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Awan", template: "%s · Awan" },
  description: "Your organization's files, mail and work, on your own server.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Runs before first paint so a dark-theme user never sees a white flash.
const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem("awan-theme");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <ApiProvider>{children}</ApiProvider>
      </body>
    </html>
  );
}
