package dev.simplex.peer.grid;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.properties.PropertyDefinition;
import com.hazelcast.logging.ILogger;
import com.hazelcast.spi.discovery.AbstractDiscoveryStrategy;
import com.hazelcast.spi.discovery.DiscoveryNode;
import com.hazelcast.spi.discovery.DiscoveryStrategy;
import com.hazelcast.spi.discovery.DiscoveryStrategyFactory;
import com.hazelcast.spi.discovery.SimpleDiscoveryNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Hazelcast's discovery SPI fed by the swarm view: Hazelcast never looks for members on its own.
 */
final class ViewDiscovery implements DiscoveryStrategyFactory {
  private final GridMembers members;

  ViewDiscovery(GridMembers members) {
    this.members = members;
  }

  @Override
  public Class<? extends DiscoveryStrategy> getDiscoveryStrategyType() {
    return Strategy.class;
  }

  @Override
  public DiscoveryStrategy newDiscoveryStrategy(
      DiscoveryNode self, ILogger logger, Map<String, Comparable> properties) {
    return new Strategy(logger, properties, members);
  }

  @Override
  public Collection<PropertyDefinition> getConfigurationProperties() {
    return List.of();
  }

  static final class Strategy extends AbstractDiscoveryStrategy {
    private final GridMembers members;

    Strategy(ILogger logger, Map<String, Comparable> properties, GridMembers members) {
      super(logger, properties);
      this.members = members;
    }

    @Override
    public Iterable<DiscoveryNode> discoverNodes() {
      List<DiscoveryNode> nodes = new ArrayList<>();
      for (InetSocketAddress address : members.gridAddresses()) {
        nodes.add(new SimpleDiscoveryNode(new Address(address)));
      }
      return nodes;
    }
  }
}
