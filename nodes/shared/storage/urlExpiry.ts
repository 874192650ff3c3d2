/** Whether a signed URL's lifetime is whole seconds from 1 to `max` (each provider's rule). */
export function isUrlLifetime(seconds: unknown, max: number): seconds is number {
	return typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 1 && seconds <= max;
}
