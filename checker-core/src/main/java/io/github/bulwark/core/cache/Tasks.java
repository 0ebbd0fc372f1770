package io.github.bulwark.core.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent numbered tasks on as many threads as the machine has cores. Not a parallel
 * stream: the cache is read from inside a common-pool task (the background prefetch), and a
 * parallel stream started there runs on that pool, whose parallelism is one fewer than the cores,
 * so on a two-core machine it ran every shard on one thread.
 */
final class Tasks {

  private Tasks() {}

  /** Runs {@code task} for 0 to {@code count - 1}; returns when all are done. */
  static void runOnAllCores(int count, IntConsumer task) {
    int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        task.accept(i);
      }
    };
    List<Thread> helpers = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      Thread helper = new Thread(worker, "bulwark-cache-" + t);
      helper.setDaemon(true);
      helper.start();
      helpers.add(helper);
    }
    worker.run(); // the calling thread takes its share
    for (Thread helper : helpers) {
      try {
        helper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading the result cache", e);
      }
    }
  }
}
