"use client";

import { Button, type ButtonProps } from "@awan/ui/button";
import { useHydrated } from "@/lib/use-hydrated";

/** A form's submit button: enabled once the page is interactive (see useHydrated). */
export function SubmitButton({ disabled, ...props }: Omit<ButtonProps, "type">) {
  const hydrated = useHydrated();
  return <Button type="submit" {...props} disabled={disabled || !hydrated} />;
}
