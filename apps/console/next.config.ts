import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // Internal packages are consumed as TypeScript source.
  transpilePackages: ["@awan/backend", "@awan/db", "@awan/ui"],
  // Native and WASM-loading server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "@prisma/client", "@prisma/adapter-pg", "pg"],
  typescript: { tsconfigPath: "tsconfig.json" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default config;
