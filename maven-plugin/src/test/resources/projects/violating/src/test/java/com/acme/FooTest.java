package com.acme;

class FooTest {

  void tolerant() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
    }
  }
}
