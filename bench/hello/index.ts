// Hello world: the least a Worker can do per request on this runtime (the benchmarks divide by it).
export default {
  fetch(): Response {
    return new Response("Hello World!");
  },
} satisfies ExportedHandler;
