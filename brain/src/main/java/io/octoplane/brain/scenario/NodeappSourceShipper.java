package io.octoplane.brain.scenario;

/**
 * Gets an application's scripts (and, for prepare, its sources) to its nodes. The result
 * is what a nodeapp sync task carries; how the bytes travel is the shipper's business, so
 * a shipper that uses data connections can replace the inline one without touching the
 * scenario service.
 */
interface NodeappSourceShipper {

	/**
	 * Packs what one application's nodes need.
	 * @param folder the scenario folder
	 * @param app the application
	 * @param withSources whether to include the sources (prepare) or only the scripts
	 * @return the archive reference for {@link io.octoplane.protocol.agent.NodeappTask}
	 * @throws InvalidDeploymentException if it is too large to ship
	 */
	String ship(ScenarioFolder folder, Deployment.App app, boolean withSources);

}
