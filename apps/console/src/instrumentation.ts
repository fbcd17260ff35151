// Runs once when the console's server starts: the backend's background jobs
// (storage node probing, periodic scrub) belong to the long-running server.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundJobs } = await import("@awan/backend");
  startBackgroundJobs();
}
