package io.sluice.verify.pipeline;

import io.sluice.verify.VerifyException;

import java.util.List;
import java.util.Map;

/** Where connector configs come from: the Connect REST API, or a fixed map in tests. */
public interface ConnectorConfigs {

    List<String> connectorNames() throws VerifyException;

    Map<String, String> config(String connector) throws VerifyException;
}
